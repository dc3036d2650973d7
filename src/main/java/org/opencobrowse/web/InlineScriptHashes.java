package org.opencobrowse.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSP hashes of a page's own inline scripts and event handler attributes, so that a demo page keeps working under
 * a policy without {@code 'unsafe-inline'}: only the code the page was served with can run, never injected code.
 */
record InlineScriptHashes(Set<String> scripts, Set<String> handlers) {
    private static final Pattern INLINE_SCRIPT = Pattern.compile(
            "<script\\b(?![^>]*\\bsrc\\s*=)[^>]*>(.*?)</script>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HANDLER = Pattern.compile(
            "\\son[a-z]+\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

    static InlineScriptHashes of(byte[] html) {
        String text = new String(html, StandardCharsets.UTF_8);
        Set<String> scripts = new LinkedHashSet<>();
        Matcher script = INLINE_SCRIPT.matcher(text);
        while (script.find()) {
            scripts.add(hash(script.group(1)));
        }
        Set<String> handlers = new LinkedHashSet<>();
        Matcher handler = HANDLER.matcher(text);
        while (handler.find()) {
            handlers.add(hash(decodeEntities(handler.group(1) != null ? handler.group(1) : handler.group(2))));
        }
        return new InlineScriptHashes(scripts, handlers);
    }

    /** The script-src sources: one hash per inline script, and 'unsafe-hashes' with the handlers' hashes. */
    String sources() {
        StringBuilder sources = new StringBuilder();
        scripts.forEach(h -> sources.append(" '").append(h).append('\''));
        if (!handlers.isEmpty()) {
            sources.append(" 'unsafe-hashes'");
            handlers.forEach(h -> sources.append(" '").append(h).append('\''));
        }
        return sources.toString().trim();
    }

    private static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Attribute values are hashed as the browser reads them, after the few entities a handler may contain. */
    private static String decodeEntities(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
