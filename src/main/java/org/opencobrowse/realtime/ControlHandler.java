package org.opencobrowse.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionService;

/**
 * Pointer mode and write mode frames: pointers, the control request / grant / deny / revoke / release cycle, and the
 * agent's commands, relayed only from the agent who holds control. Every relayed frame is rebuilt from whitelisted,
 * type-checked fields, so nothing unexpected passes through to the other side.
 */
final class ControlHandler {
    static final Set<String> TYPES = Set.of("pointer", "control.request", "control.grant", "control.deny",
            "control.revoke", "control.release", "command", "command.rejected");
    private static final Set<String> POINTER_KINDS = Set.of("move", "click");
    private static final Set<String> HISTORY_DIRECTIONS = Set.of("back", "forward", "reload");
    private static final int MAX_VALUE_LENGTH = 10_000;
    private static final double MAX_COORDINATE = 1_000_000;
    /** Fields each action needs, besides {@code action}: the customer script checks them again. */
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            "click", Set.of("node"),
            "focus", Set.of("node"),
            "input", Set.of("node", "value"),
            "select", Set.of("node", "value"),
            "check", Set.of("node", "checked"),
            "scroll", Set.of("x", "y"),
            "history", Set.of("direction"));

    private final SessionService service;
    private final Hub hub;

    ControlHandler(SessionService service, Hub hub) {
        this.service = service;
        this.hub = hub;
    }

    void handle(Participant self, ClientFrame frame, Connection connection) {
        String token = connection.attachment().sessionToken();
        JsonNode in = frame.fields() == null ? Json.object() : frame.fields();
        switch (frame.type()) {
            case "pointer" -> {
                ObjectNode out = Frames.fromUser(self, "pointer");
                out.put("node", nodeId(in));
                out.put("x", coordinate(in, "x"));
                out.put("y", coordinate(in, "y"));
                out.put("kind", oneOf(in, "kind", POINTER_KINDS));
                hub.broadcastFrom(token, Json.write(out), self.userToken());
            }
            case "control.request" -> {
                service.requestControl(self.userToken()); // the hub tells the customer
                reply(connection, frame);
            }
            case "control.grant" -> {
                service.grantControl(self.userToken(), text(in, "userId", 32));
                reply(connection, frame);
            }
            case "control.deny" -> {
                requireCustomer(self);
                service.denyControl(self.userToken(), text(in, "userId", 32)); // the hub tells the agents
                reply(connection, frame);
            }
            case "control.revoke", "control.release" -> {
                service.endControl(self.userToken());
                reply(connection, frame);
            }
            case "command" -> relayCommand(self, in, token);
            case "command.rejected" -> {
                requireCustomer(self);
                String agent = text(in, "userId", 32);
                String action = text(in, "action", 32);
                String reason = text(in, "reason", 64);
                ObjectNode out = Json.object().put("type", "command.rejected").put("action", action)
                        .put("reason", reason);
                copyCommandId(in, out);
                service.commandRejected(self.userToken(), agent, action, reason); // recorded before it is relayed
                hub.sendToUser(token, agent, Json.write(out));
            }
            default -> throw new IllegalStateException("Not a control frame: " + frame.type());
        }
    }

    private void relayCommand(Participant self, JsonNode in, String token) {
        requireAgentSide(self);
        CobrowseSession session = service.participant(self.userToken()).session();
        if (session.controlHolder().filter(self.userId()::equals).isEmpty()) {
            throw new CobrowseException(ErrorCode.NOT_IN_CONTROL, "Ask the customer for control first");
        }
        String action = oneOf(in, "action", ACTIONS.keySet());
        ObjectNode out = Frames.fromUser(self, "command").put("action", action);
        copyCommandId(in, out);
        for (String field : ACTIONS.get(action)) {
            switch (field) {
                case "node" -> out.put("node", nodeId(in));
                case "value" -> out.put("value", text(in, "value", MAX_VALUE_LENGTH));
                case "checked" -> out.put("checked", bool(in, "checked"));
                case "x", "y" -> out.put(field, coordinate(in, field));
                case "direction" -> out.put("direction", oneOf(in, "direction", HISTORY_DIRECTIONS));
                default -> throw new IllegalStateException(field);
            }
        }
        if (action.equals("scroll") && in.has("node")) {
            out.put("node", nodeId(in));
        }
        hub.sendToRole(token, Role.CUSTOMER, Json.write(out));
    }

    private static void reply(Connection connection, ClientFrame frame) {
        connection.send(Json.write(Frames.reply(frame.type(), frame.id())));
    }

    private static void copyCommandId(JsonNode in, ObjectNode out) {
        JsonNode cid = in.get("cid");
        if (cid != null && cid.canConvertToLong()) {
            out.put("cid", cid.asLong());
        }
    }

    private static int nodeId(JsonNode in) {
        JsonNode node = in.get("node");
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw bad("'node' must be a mirrored node id (a whole number)");
        }
        return node.asInt();
    }

    private static double coordinate(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || Math.abs(v.asDouble()) > MAX_COORDINATE) {
            throw bad("'" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.isBoolean()) {
            throw bad("'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static String text(JsonNode in, String field, int maxLength) {
        JsonNode v = in.get(field);
        if (v == null || !v.isTextual() || v.asText().length() > maxLength) {
            throw bad("'" + field + "' must be a string of at most " + maxLength + " characters");
        }
        return v.asText();
    }

    private static String oneOf(JsonNode in, String field, Set<String> allowed) {
        JsonNode v = in.get(field);
        if (v == null || !v.isTextual() || !allowed.contains(v.asText())) {
            throw bad("'" + field + "' must be one of " + new java.util.TreeSet<>(allowed));
        }
        return v.asText();
    }

    private static void requireAgentSide(Participant self) {
        if (!self.role().isAgentSide()) {
            throw new CobrowseException(ErrorCode.FORBIDDEN, "Only agents do this");
        }
    }

    private static void requireCustomer(Participant self) {
        if (self.role() != Role.CUSTOMER) {
            throw new CobrowseException(ErrorCode.FORBIDDEN, "Only the customer does this");
        }
    }

    private static CobrowseException bad(String message) {
        return new CobrowseException(ErrorCode.BAD_REQUEST, message);
    }
}
