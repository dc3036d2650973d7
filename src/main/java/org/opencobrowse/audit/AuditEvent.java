package org.opencobrowse.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencobrowse.realtime.Json;

/**
 * One entry of the audit trail, as logged (logger {@code audit}) and posted to the webhook. Never carries a secret:
 * the session token is shortened ({@code 845***826}), userTokens and customer secrets are left out, and the
 * {@code sessionHistoryId} is the key that tells sessions apart.
 *
 * @param id     unique id of the event (for receivers that must not count a retried delivery twice)
 * @param seq    1, 2, … per node since it started, in the order of the events
 * @param event  created, activated, joined, left, control_requested, control_granted, control_denied,
 *               control_revoked, control_released, masked_element_touched, stopped or ended
 * @param time   UTC milliseconds
 * @param fields what the event is about: userId and role first when it concerns a participant, then the others
 *               (action, name, reason) by name; none empty
 */
public record AuditEvent(String id, long seq, String event, long time, String node, String session,
                         String sessionHistoryId, Map<String, String> fields) {

    public AuditEvent {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The webhook body: a flat JSON object. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("id", id).put("seq", seq).put("event", event).put("time", time)
                .put("node", node).put("session", session).put("sessionHistoryId", sessionHistoryId);
        fields.forEach(json::put);
        return json;
    }

    /**
     * The log message: the event then {@code key=value} pairs, values with spaces or quotes quoted. The session is in
     * the log context (MDC {@code session}), not repeated here.
     */
    public String toLogMessage() {
        StringBuilder line = new StringBuilder(event).append(" sessionHistoryId=").append(sessionHistoryId);
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(quoted(value)));
        return line.toString();
    }

    private static String quoted(String value) {
        return value.matches("[\\w.:/*@-]+") ? value : Json.write(value);
    }
}
