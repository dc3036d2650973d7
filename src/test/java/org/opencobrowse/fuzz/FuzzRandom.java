package org.opencobrowse.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded source of hostile input: JSON values of every type (huge numbers, deep nesting, odd strings), malformed
 * JSON text and random strings. Each fuzz test prints its seed; {@code -Dfuzz.seed=N} replays a run exactly.
 */
final class FuzzRandom {
    private static final List<String> NUMBERS = List.of("0", "-0", "-1", "1", "2", "3", "4", "2147483647",
            "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1e308", "1e309", "-1e999", "1.7976931348623157E308", "4.9e-324", "0.5", "1.0", "3.14159", "1E2", "1e-7",
            "123456789012345678901234567890", "9".repeat(99), "9".repeat(101));
    private static final List<String> ODD_STRINGS = List.of("", " ", "null", "true", "0", "-1", "u1", "u2", "u3",
            "\\u0000", "\\ud800", "\\udfff\\ud800", "\\uffff", "\u00e9\u4e2d\ud83d\ude00", "<script>alert(1)</script>",
            "../../etc/passwd", "%00%ff", "\\\\", "\\\"", "\\n\\r\\t", "${jndi:ldap://x}", "' OR 1=1 --",
            "move", "click", "back", "forward", "reload", "input", "scroll", "history");

    private final SplittableRandom random;

    FuzzRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The seed of this run: {@code -Dfuzz.seed}, else a fresh one. */
    static long seed() {
        String fixed = System.getProperty("fuzz.seed");
        return fixed != null && !fixed.isBlank() ? Long.parseLong(fixed) : System.nanoTime();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    String number() {
        return chance(0.6) ? pick(NUMBERS) : Long.toString(random.nextLong(-1_000_000, 1_000_000));
    }

    /** A JSON string literal, quotes included: odd, random, unicode or (rarely) very long. */
    String stringLiteral() {
        int kind = random.nextInt(10);
        String body = switch (kind) {
            case 0, 1, 2 -> pick(ODD_STRINGS);
            case 3 -> "x".repeat(random.nextInt(2) == 0 ? 4097 : 70_000);
            default -> escaped(text(random.nextInt(40)));
        };
        return "\"" + body + "\"";
    }

    /** Random characters from every plane, lone surrogates included (Java strings allow them). */
    String text(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(switch (random.nextInt(6)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) random.nextInt(0xD800, 0xE000);
                case 2 -> (char) random.nextInt(0x80, 0xFFFF);
                default -> (char) random.nextInt(0x20, 0x7F);
            });
        }
        return out.toString();
    }

    /** Escapes what JSON requires so that {@link #text} can sit in a string literal (surrogates stay raw). */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Any JSON value, nesting at most {@code depth} levels. */
    String value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 9);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> chance(0.5) ? "true" : "false";
            case 2, 3 -> number();
            case 4 -> stringLiteral();
            case 5, 6 -> array(depth);
            case 7 -> object(depth);
            default -> chance(0.2) ? deepNesting() : stringLiteral();
        };
    }

    private String array(int depth) {
        StringBuilder out = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append(value(depth - 1));
        }
        return out.append(']').toString();
    }

    private String object(int depth) {
        StringBuilder out = new StringBuilder("{");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append(stringLiteral()).append(':').append(value(depth - 1));
        }
        return out.append('}').toString();
    }

    /** Arrays or objects nested up to 10,000 deep: past the parser's limit, or just under it. */
    String deepNesting() {
        int depth = pick(List.of(999, 1001, 2000, 10_000));
        if (chance(0.5)) {
            return "[".repeat(depth) + "]".repeat(depth);
        }
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** Breaks well-formed JSON text: truncation, stray characters, a second document, wrong top-level shapes. */
    String corrupt(String json) {
        return switch (random.nextInt(9)) {
            case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
            case 1 -> {
                int at = random.nextInt(json.length() + 1);
                yield json.substring(0, at) + pick(List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "'"))
                        + json.substring(at);
            }
            case 2 -> json + pick(List.of(" trailing", "{}", "\u0000", ",", " "));
            case 3 -> "\ufeff" + json;
            case 4 -> "[" + json + "]";
            case 5 -> pick(List.of("", " ", "null", "42", "\"ping\"", "[]", "true", "{", "}", "{\"type\"}"));
            case 6 -> json.replace("\"", "'");
            case 7 -> json.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement(
                    "{\"type\":\"ping\",\"type\":" + value(1) + ","));
            default -> text(random.nextInt(60));
        };
    }
}
