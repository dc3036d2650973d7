package org.opencobrowse.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;

/** Builds the server's frames (docs/protocol.md); the only place that knows their field names. */
public final class Frames {
    public static final int PROTOCOL_VERSION = 1;

    private Frames() {
    }

    public static ObjectNode reply(String requestType, JsonNode id) {
        ObjectNode frame = Json.object().put("type", requestType + ".ok");
        frame.set("id", id);
        return frame;
    }

    public static String error(JsonNode id, ErrorCode code, String message) {
        ObjectNode frame = Json.object().put("type", "error");
        frame.set("id", id);
        return Json.write(frame.put("error", code.code()).put("message", message));
    }

    /** The fields of join.ok and resume.ok about the session and the participant. */
    public static ObjectNode joined(ObjectNode frame, CobrowseSession session, Participant participant) {
        frame.put("protocol", PROTOCOL_VERSION)
                .put("sessionToken", session.token())
                .put("userToken", participant.userToken())
                .put("userId", participant.userId())
                .put("role", participant.role().code())
                .put("name", participant.name())
                .put("state", session.state().wireName());
        if (session.activationTime() != 0) {
            frame.put("activationTime", session.activationTime());
        }
        ArrayNode users = frame.putArray("users");
        for (Participant p : session.participants()) {
            users.add(user(p));
        }
        frame.put("sessionHistoryId", session.historyId());
        // Who may act on the page now, so that a page that (re)joins shows the right mode at once.
        frame.put("mode", session.controlHolder().isPresent() ? "write" : "pointer");
        session.controlHolder().ifPresent(holder -> frame.put("controlUserId", holder));
        return frame;
    }

    public static ObjectNode user(Participant p) {
        return Json.object().put("userId", p.userId()).put("role", p.role().code()).put("name", p.name());
    }

    /** A frame of {@code type} that says who sent it: {@code userId}, {@code name}, {@code role}. */
    public static ObjectNode fromUser(Participant p, String type) {
        return Json.object().put("type", type).put("userId", p.userId()).put("name", p.name())
                .put("role", p.role().code());
    }

    public static String joinedNotification(Participant p) {
        return Json.write(user(p).put("type", "joined"));
    }

    public static String left(Participant p, String reason) {
        return Json.write(Json.object().put("type", "left").put("userId", p.userId()).put("reason", reason));
    }

    public static String activated(CobrowseSession session) {
        return Json.write(Json.object().put("type", "activated").put("activationTime", session.activationTime()));
    }

    public static String deactivated(CobrowseSession session) {
        ObjectNode frame = Json.object().put("type", "deactivated");
        if (session.activationTime() != 0) {
            frame.put("activationTime", session.activationTime());
        }
        frame.put("deactivationTime", session.deactivationTime());
        session.endReason().ifPresent(r -> frame.put("reason", r.wireName()));
        return Json.write(frame);
    }

    /** Write mode on or off: {@code mode} is "write" with the agent in control, or "pointer". */
    public static String mode(CobrowseSession session, String reason) {
        ObjectNode frame = Json.object().put("type", "mode").put("reason", reason);
        session.controlHolder().ifPresentOrElse(holder -> {
            frame.put("mode", "write").put("userId", holder);
            session.participantById(holder).ifPresent(p -> frame.put("name", p.name()));
        }, () -> frame.put("mode", "pointer"));
        return Json.write(frame);
    }

    /** A DOM frame for agents: the customer's events array spliced in as it came, without re-serialising it. */
    public static String dom(long seq, boolean snapshot, String rawEvents) {
        // One concatenation sizes the result once: a single copy of the events (a builder copies them twice).
        return DOM_PREFIX + seq + ",\"snapshot\":" + snapshot + ",\"events\":" + rawEvents + "}";
    }

    /**
     * The text of {@link #dom} around its sequence number: {@code [before, after]}, so that a store can number the
     * frame atomically and the result is the same text.
     */
    public static String[] domTemplate(boolean snapshot, String rawEvents) {
        return new String[] {DOM_PREFIX, ",\"snapshot\":" + snapshot + ",\"events\":" + rawEvents + "}"};
    }

    /** Whether {@code frame} was made by {@link #dom}. */
    public static boolean isDom(String frame) {
        return frame.startsWith(DOM_PREFIX);
    }

    /** The sequence number of a frame made by {@link #dom}, read from its fixed prefix without parsing it. */
    public static long domSeq(String domFrame) {
        int start = DOM_PREFIX.length();
        int end = domFrame.indexOf(',', start);
        return Long.parseLong(domFrame, start, end, 10);
    }

    private static final String DOM_PREFIX = "{\"type\":\"dom\",\"seq\":";

    public static final String SNAPSHOT_REQUEST = "{\"type\":\"snapshot.request\"}";
}
