package org.opencobrowse.assets;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The content types the asset proxy serves: images, fonts and stylesheets, nothing that a browser would run as a
 * page or a script. Declared types are normalised (legacy font types become {@code font/*}); a missing or generic
 * type ({@code application/octet-stream}, common for fonts) is recognised from the first bytes.
 */
final class AssetTypes {
    static final String CSS = "text/css";

    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("image/png", "image/png"), Map.entry("image/jpeg", "image/jpeg"),
            Map.entry("image/jpg", "image/jpeg"), Map.entry("image/pjpeg", "image/jpeg"),
            Map.entry("image/gif", "image/gif"), Map.entry("image/webp", "image/webp"),
            Map.entry("image/avif", "image/avif"), Map.entry("image/bmp", "image/bmp"),
            Map.entry("image/svg+xml", "image/svg+xml"), Map.entry("image/x-icon", "image/x-icon"),
            Map.entry("image/vnd.microsoft.icon", "image/x-icon"),
            Map.entry("font/woff", "font/woff"), Map.entry("font/woff2", "font/woff2"),
            Map.entry("font/ttf", "font/ttf"), Map.entry("font/otf", "font/otf"),
            Map.entry("font/collection", "font/collection"),
            Map.entry("application/font-woff", "font/woff"), Map.entry("application/x-font-woff", "font/woff"),
            Map.entry("application/font-woff2", "font/woff2"), Map.entry("application/x-font-ttf", "font/ttf"),
            Map.entry("application/x-font-truetype", "font/ttf"), Map.entry("application/x-font-otf", "font/otf"),
            Map.entry("application/x-font-opentype", "font/otf"),
            Map.entry("application/vnd.ms-fontobject", "application/vnd.ms-fontobject"),
            Map.entry(CSS, CSS));

    private AssetTypes() {
    }

    /** The type to serve {@code body} with, given the declared Content-Type (may be null); empty: refused. */
    static Optional<String> of(String declared, byte[] body) {
        String type = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (ALLOWED.containsKey(type)) {
            return Optional.of(ALLOWED.get(type));
        }
        if (type.isEmpty() || type.equals("application/octet-stream") || type.equals("binary/octet-stream")) {
            return sniff(body);
        }
        return Optional.empty();
    }

    private static Optional<String> sniff(byte[] b) {
        if (startsWith(b, 0, "wOF2")) {
            return Optional.of("font/woff2");
        }
        if (startsWith(b, 0, "wOFF")) {
            return Optional.of("font/woff");
        }
        if (startsWith(b, 0, "OTTO")) {
            return Optional.of("font/otf");
        }
        if (b.length >= 4 && b[0] == 0 && b[1] == 1 && b[2] == 0 && b[3] == 0) {
            return Optional.of("font/ttf");
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && startsWith(b, 1, "PNG")) {
            return Optional.of("image/png");
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(b, 0, "GIF8")) {
            return Optional.of("image/gif");
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] body, int offset, String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.US_ASCII);
        if (body.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
