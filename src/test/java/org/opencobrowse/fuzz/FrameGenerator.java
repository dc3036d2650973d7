package org.opencobrowse.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client frames of every type of docs/protocol.md, with the documented fields holding plausible values (the session
 * being fuzzed, its userIds and tokens) or random ones of any type, fields missing or added, and now and then the
 * whole text corrupted. Plausible values let frames reach deep into the handlers instead of stopping at validation.
 */
final class FrameGenerator {
    static final List<String> TYPES = List.of("create", "join", "resume", "exit", "stop", "ping", "page", "dom",
            "pointer", "control.request", "control.grant", "control.deny", "control.revoke", "control.release",
            "command", "command.rejected");
    static final List<String> ACTIONS = List.of("click", "focus", "input", "select", "check", "scroll", "history");
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("create", List.of()),
            Map.entry("join", List.of("sessionToken", "role", "name", "secret", "auth")),
            Map.entry("resume", List.of("userToken")),
            Map.entry("exit", List.of("userToken")),
            Map.entry("stop", List.of("userToken")),
            Map.entry("ping", List.of()),
            Map.entry("page", List.of("url", "title")),
            Map.entry("dom", List.of("snapshot", "events")),
            Map.entry("pointer", List.of("node", "x", "y", "kind")),
            Map.entry("control.request", List.of()),
            Map.entry("control.grant", List.of("userId")),
            Map.entry("control.deny", List.of("userId")),
            Map.entry("control.revoke", List.of()),
            Map.entry("control.release", List.of()),
            Map.entry("command", List.of("action", "node", "value", "checked", "x", "y", "direction", "cid")),
            Map.entry("command.rejected", List.of("userId", "action", "reason", "cid")));

    /** What the fuzzed session looks like, so that some values are the right ones. */
    record Target(String sessionToken, String customerSecret, List<String> userIds, List<String> userTokens) {
    }

    private final FuzzRandom random;

    FrameGenerator(FuzzRandom random) {
        this.random = random;
    }

    /** Frame types this generator draws from: every documented one, plus unknown and non-string ones. */
    String type() {
        return random.chance(0.93) ? random.pick(TYPES) : random.pick(List.of("teleport", "DOM", "join.ok", "error", "",
                "ping ", "control.", "snapshot.request"));
    }

    /** One frame as text. */
    String frame(Target target) {
        String type = type();
        Map<String, String> fields = new LinkedHashMap<>();
        if (random.chance(0.97)) {
            fields.put("type", random.chance(0.97) ? "\"" + type + "\"" : random.value(1));
        }
        if (random.chance(0.7)) {
            fields.put("id", random.chance(0.7) ? Integer.toString(random.nextInt(1_000_000)) : random.value(2));
        }
        if (random.chance(0.2)) {
            fields.put("v", random.chance(0.5) ? "1" : random.value(1));
        }
        for (String field : FIELDS.getOrDefault(type, List.of())) {
            if (random.chance(0.85)) {
                fields.put(field, random.chance(0.7) ? plausible(type, field, target) : random.value(3));
            }
        }
        int extra = random.chance(0.25) ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < extra; i++) {
            fields.put(random.chance(0.5) ? "x" + i : FuzzRandom.escaped(random.text(6)), random.value(3));
        }
        List<String> members = new ArrayList<>();
        fields.forEach((name, value) -> members.add("\"" + name + "\":" + value));
        String json = "{" + String.join(",", members) + "}";
        return random.chance(0.12) ? random.corrupt(json) : json;
    }

    private String plausible(String type, String field, Target target) {
        return switch (field) {
            case "sessionToken" -> quoted(random.chance(0.8) ? target.sessionToken()
                    : random.pick(List.of("000000000", "12345678", "1234567890", "abcdefghi")));
            case "role" -> random.pick(List.of("1", "2", "3", "2", "3", "0", "4", "-1", "2.0", "\"2\"", "1e0"));
            case "secret" -> quoted(random.chance(0.3) ? target.customerSecret() : "not-the-secret");
            case "auth" -> quoted("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
            case "userToken" -> quoted(random.chance(0.5) && !target.userTokens().isEmpty()
                    ? random.pick(target.userTokens()) : random.text(20));
            case "userId" -> quoted(random.chance(0.8) && !target.userIds().isEmpty()
                    ? random.pick(target.userIds()) : "u" + random.nextInt(50));
            case "url" -> quoted(random.pick(List.of("https://shop.example.com/cart", "javascript:alert(1)", "",
                    "x".repeat(4097), "http://\u00e9.example/\ud800")));
            case "snapshot", "checked" -> random.pick(List.of("true", "false", "1", "\"true\"", "null"));
            case "events" -> events();
            case "node" -> random.pick(List.of("1", "0", "42", "-1", "2147483648", "1.5", "\"3\"", "1e3"));
            case "x", "y" -> random.pick(List.of("0", "10.5", "-3", "1000000", "1000001", "1e308", "-1e309", "NaN"));
            case "kind" -> quoted(random.pick(List.of("move", "click", "drag")));
            case "action" -> quoted(random.chance(0.9) ? random.pick(ACTIONS) : "submit");
            case "value", "title", "name", "reason" -> random.stringLiteral();
            case "direction" -> quoted(random.pick(List.of("back", "forward", "reload", "sideways")));
            case "cid" -> random.number();
            default -> random.value(2);
        };
    }

    /** rrweb-like events: small arrays of objects, sometimes deeply nested or malformed. */
    private String events() {
        return switch (random.nextInt(6)) {
            case 0 -> "[]";
            case 1 -> "[{\"type\":2,\"data\":{\"node\":{\"id\":1}},\"timestamp\":" + random.number() + "}]";
            case 2 -> "[" + random.value(4) + "," + random.value(4) + "]";
            case 3 -> random.deepNesting();
            case 4 -> random.corrupt("[{\"type\":3,\"data\":{}}]");
            default -> random.value(2);
        };
    }

    private static String quoted(String text) {
        return "\"" + FuzzRandom.escaped(text) + "\"";
    }
}
