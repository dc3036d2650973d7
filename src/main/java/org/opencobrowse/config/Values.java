package org.opencobrowse.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for option values; each failure names the option and the expected form. */
final class Values {
    /** At most 12 digits: the number fits a long, and so does a duration of that many days in seconds. */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");
    /** Longer durations are mistakes, and their milliseconds could overflow where they are used. */
    private static final Duration MAX_DURATION = Duration.ofDays(36_500);

    private Values() {
    }

    static Duration duration(ConfigOption option, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw invalid(option, text, "a duration with a unit, e.g. 500ms, 30s, 10m, 4h, 14d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(MAX_DURATION) > 0) {
            throw invalid(option, text, "a duration of at most 36500d");
        }
        return d;
    }

    static long size(ConfigOption option, String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw invalid(option, text, "a size such as 65536, 64KiB or 8MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1L;
        };
        long bytes = n > Long.MAX_VALUE / factor ? -1 : n * factor; // a product past a long must not wrap around
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw invalid(option, text, "a size between 1 B and 2 GiB");
        }
        return bytes;
    }

    static boolean bool(ConfigOption option, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(option, text, "true or false");
        };
    }

    static int integer(ConfigOption option, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(option, text, "a whole number from " + min + " to " + max);
    }

    /** An absolute http(s) URL without a trailing slash. */
    static String httpUrl(ConfigOption option, String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                String s = uri.toString();
                return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
            }
        } catch (Exception ignored) {
            // reported below
        }
        throw invalid(option, text, "an absolute http:// or https:// URL");
    }

    static ConfigException invalid(ConfigOption option, String text, String expected) {
        String shown = option.isSecret() ? "(hidden)" : "'" + text + "'";
        return new ConfigException("Invalid value for " + option.key() + ": " + shown + " (expected " + expected + ")");
    }
}
