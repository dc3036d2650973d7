package org.opencobrowse.assets;

import java.net.URI;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points the {@code url()}s, {@code @import}s and {@code image-set()} strings of a stylesheet at the proxy, so that a
 * proxied sheet's fonts and images come through the proxy too (the agent's page may load nothing from elsewhere).
 * Relative references are resolved against the sheet's own URL; data: URLs and fragment-only references
 * ({@code url(#clip)}) stay as they are.
 */
final class CssRewriter {
    /**
     * {@code @import "x"} (groups 1, 2) or {@code url(x)} (groups 3 to 5), matched in one pass: a reference already
     * pointed at the proxy (relative to the sheet) must not be rewritten again. Possessive, and no string or bare URL
     * runs past a line break or an opening parenthesis, so that a hostile sheet ("url(" repeated, unclosed quotes)
     * costs linear time, not quadratic.
     */
    private static final Pattern REFERENCE = Pattern.compile("@import[ \\t\\n\\r\\f]*+(?:\"([^\"\\n\\r\\f]*+)\""
            + "|'([^'\\n\\r\\f]*+)')|url\\([ \\t\\n\\r\\f]*+(?:\"([^\"\\n\\r\\f]*+)\"|'([^'\\n\\r\\f]*+)'"
            + "|([^() \\t\\n\\r\\f\"']*+))[ \\t\\n\\r\\f]*+\\)", Pattern.CASE_INSENSITIVE);
    /** Whether a sheet has an image-set at all (also matches -webkit-image-set), before it is scanned. */
    private static final Pattern IMAGE_SET = Pattern.compile("image-set\\(", Pattern.CASE_INSENSITIVE);

    private CssRewriter() {
    }

    /**
     * @param css   the sheet's text
     * @param base  the sheet's URL, to resolve relative references
     * @param proxy maps an absolute http(s) URL to the URL the agent's page should load instead
     */
    static String rewrite(String css, URI base, UnaryOperator<String> proxy) {
        return replace(REFERENCE, imageSetStringsAsUrls(css), m -> (m.group(1) != null || m.group(2) != null
                ? "@import url(\"" : "url(\"") + target(first(m), base, proxy) + "\")");
    }

    /**
     * In {@code image-set("a.png" 1x, 'b.png' 2x)} (and {@code -webkit-image-set}) a bare string is a URL: each one
     * that starts a candidate becomes a {@code url()}, which the url() pass then points at the proxy. Comments and
     * strings elsewhere (font names, {@code type("image/avif")}, content) are left alone; as in CSS, a string ends at a
     * line break, and an image-set ends at its closing parenthesis or, malformed, at a ';', '{' or '}'.
     */
    static String imageSetStringsAsUrls(String css) {
        if (!IMAGE_SET.matcher(css).find()) {
            return css;
        }
        StringBuilder out = new StringBuilder(css.length() + 16);
        int i = 0;
        while (i < css.length()) {
            int end = skipped(css, i);
            if (end > i) {
                out.append(css, i, end);
                i = end;
            } else if (isImageSet(css, i)) {
                out.append(css, i, i + 10);
                i = copyImageSet(css, i + 10, out);
            } else {
                out.append(css.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Copies an image-set's arguments from {@code at} to its end; returns the index after what it copied. */
    private static int copyImageSet(String css, int at, StringBuilder out) {
        int depth = 1;
        boolean candidateStart = true;
        int i = at;
        while (i < css.length() && depth > 0) {
            char c = css.charAt(i);
            int end = skipped(css, i);
            if (end > i) {
                boolean string = c != '/';
                boolean url = string && depth == 1 && candidateStart && end - i >= 2 && css.charAt(end - 1) == c;
                out.append(url ? "url(" : "").append(css, i, end).append(url ? ")" : "");
                candidateStart = candidateStart && !string;
                i = end;
                continue;
            }
            if (depth == 1 && (c == ';' || c == '{' || c == '}')) {
                return i; // malformed: the declaration ended inside the image-set
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 1) {
                candidateStart = true;
            } else if (!isCssWhitespace(c)) {
                candidateStart = false;
            }
            out.append(c);
            i++;
        }
        return i;
    }

    /** "image-set(" at {@code at}, ASCII letters in any case (as the script compares it: no Unicode case folding). */
    private static boolean isImageSet(String css, int at) {
        if (at + 10 > css.length()) {
            return false;
        }
        for (int k = 0; k < 10; k++) {
            char c = css.charAt(at + k);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != "image-set(".charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** CSS whitespace: what both this class and the customer script skip (not Java's or JavaScript's wider sets). */
    private static boolean isCssWhitespace(char c) {
        return c == ' ' || c == '\t' || isLineBreak(c);
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\f';
    }

    /**
     * The end of the comment or string that starts at {@code at}, or {@code at} when none does. A string ends at its
     * closing quote (backslash escapes skipped) or before a line break; a comment at its end or the sheet's.
     */
    private static int skipped(String css, int at) {
        char c = css.charAt(at);
        if (c == '/' && at + 1 < css.length() && css.charAt(at + 1) == '*') {
            int close = css.indexOf("*/", at + 2);
            return close < 0 ? css.length() : close + 2;
        }
        if (c != '"' && c != '\'') {
            return at;
        }
        int i = at + 1;
        while (i < css.length() && css.charAt(i) != c && !isLineBreak(css.charAt(i))) {
            i += css.charAt(i) == '\\' ? 2 : 1;
        }
        return i < css.length() && css.charAt(i) == c ? i + 1 : Math.min(i, css.length());
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
