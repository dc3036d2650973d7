package org.opencobrowse.assets;

import java.net.URI;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points the {@code url()}s and {@code @import}s of a stylesheet at the proxy, so that a proxied sheet's fonts and
 * images come through the proxy too (the agent's page may load nothing from elsewhere). Relative references are
 * resolved against the sheet's own URL; data: URLs and fragment-only references ({@code url(#clip)}) stay as they are.
 */
final class CssRewriter {
    private static final Pattern URL = Pattern.compile(
            "url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s\"']*))\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPORT_STRING = Pattern.compile(
            "@import\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

    private CssRewriter() {
    }

    /**
     * @param css   the sheet's text
     * @param base  the sheet's URL, to resolve relative references
     * @param proxy maps an absolute http(s) URL to the URL the agent's page should load instead
     */
    static String rewrite(String css, URI base, UnaryOperator<String> proxy) {
        String withImports = replace(IMPORT_STRING, css, m -> "@import url(\"" + target(first(m), base, proxy) + "\")");
        return replace(URL, withImports, m -> "url(\"" + target(first(m), base, proxy) + "\")");
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(by.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String first(Matcher m) {
        for (int i = 1; i <= m.groupCount(); i++) {
            if (m.group(i) != null) {
                return m.group(i).trim();
            }
        }
        return "";
    }

    private static String target(String reference, URI base, UnaryOperator<String> proxy) {
        String lower = reference.toLowerCase(java.util.Locale.ROOT);
        if (reference.isEmpty() || reference.startsWith("#") || lower.startsWith("data:")) {
            return escape(reference);
        }
        try {
            URI absolute = base.resolve(reference.replace(" ", "%20"));
            String scheme = absolute.getScheme() == null ? "" : absolute.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "about:invalid"; // nothing but http(s) is fetched through the proxy
            }
            return escape(proxy.apply(absolute.toString()));
        } catch (IllegalArgumentException e) {
            return "about:invalid";
        }
    }

    /** The reference inside url("..."): quotes, backslashes and line breaks must not end it early. */
    private static String escape(String value) {
        return value.replace("\\", "%5C").replace("\"", "%22").replace("\n", "").replace("\r", "");
    }
}
