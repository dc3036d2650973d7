package org.opencobrowse.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionListener;
import org.opencobrowse.session.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail: every session event this node handles becomes an {@link AuditEvent}, logged as one line by the
 * logger {@code audit} (its fields as key-value pairs, so the JSON log format shows them as fields; MDC
 * {@code session} set) and handed to the webhook, if one is configured. Never blocks: the webhook has its own queue
 * and thread.
 */
public final class AuditTrail implements SessionListener {
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    /** command.rejected reasons that mean an agent tried to act on a masked or disabled element. */
    private static final Set<String> PROTECTED_ELEMENT_REASONS = Set.of("masked", "restricted");

    private final String nodeName;
    private final Clock clock;
    private final Consumer<AuditEvent> webhook;
    private final AtomicLong seq = new AtomicLong();

    /** @param webhook receives each event after it is logged ({@code e -> { }} without a webhook) */
    public AuditTrail(String nodeName, Clock clock, Consumer<AuditEvent> webhook) {
        this.nodeName = nodeName;
        this.clock = clock;
        this.webhook = webhook;
    }

    @Override
    public void created(CobrowseSession session) {
        record(session, "created", Map.of());
    }

    @Override
    public void joined(CobrowseSession session, Participant participant) {
        record(session, "joined", who(participant, Map.of("name", participant.name())));
    }

    @Override
    public void left(CobrowseSession session, Participant participant, String reason) {
        record(session, "left", who(participant, Map.of("reason", reason)));
    }

    @Override
    public void activated(CobrowseSession session) {
        record(session, "activated", Map.of());
    }

    @Override
    public void stopped(CobrowseSession session, Participant controller) {
        record(session, "stopped", who(controller, Map.of()));
    }

    @Override
    public void deactivated(CobrowseSession session) {
        record(session, "ended", Map.of("reason", session.endReason().map(r -> r.wireName()).orElse("unknown")));
    }

    @Override
    public void controlRequested(CobrowseSession session, Participant agent) {
        record(session, "control_requested", who(agent, Map.of()));
    }

    @Override
    public void controlDenied(CobrowseSession session, Participant customer, String agentUserId) {
        record(session, "control_denied", agent(session, agentUserId, Map.of()));
    }

    @Override
    public void controlChanged(CobrowseSession session, Optional<String> previousHolder, String reason) {
        switch (reason) {
            case "granted" -> record(session, "control_granted",
                    agent(session, session.controlHolder().orElse(""), Map.of()));
            case "revoked" -> record(session, "control_revoked", agent(session, previousHolder.orElse(""), Map.of()));
            default -> record(session, "control_released",
                    agent(session, previousHolder.orElse(""), Map.of("reason", reason)));
        }
    }

    @Override
    public void commandRejected(CobrowseSession session, String agentUserId, String action, String reason) {
        if (PROTECTED_ELEMENT_REASONS.contains(reason)) {
            record(session, "masked_element_touched",
                    agent(session, agentUserId, Map.of("action", action, "reason", reason)));
        }
    }

    private void record(CobrowseSession session, String event, Map<String, String> fields) {
        AuditEvent entry = new AuditEvent(UUID.randomUUID().toString(), seq.incrementAndGet(), event, clock.millis(),
                nodeName, Tokens.redacted(session.token()), session.historyId(), fields);
        String outerSession = MDC.get("session");
        MDC.put("session", entry.session());
        try {
            LoggingEventBuilder line = AUDIT.atInfo().addKeyValue("event", event)
                    .addKeyValue("sessionHistoryId", entry.sessionHistoryId());
            fields.forEach(line::addKeyValue);
            line.log(entry.toLogMessage());
        } finally {
            if (outerSession == null) {
                MDC.remove("session");
            } else {
                MDC.put("session", outerSession);
            }
        }
        webhook.accept(entry);
    }

    /** userId and role of {@code p}, then {@code more}, in a stable order. */
    private static Map<String, String> who(Participant p, Map<String, String> more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("userId", p.userId());
        fields.put("role", roleName(p.role()));
        new java.util.TreeMap<>(more).forEach(fields::put);
        return fields;
    }

    /** The agent {@code userId} of the session (with its role when it is still there), then {@code more}. */
    private static Map<String, String> agent(CobrowseSession session, String userId, Map<String, String> more) {
        Optional<Participant> p = session.participantById(userId);
        if (p.isPresent()) {
            return who(p.get(), more);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (!userId.isEmpty()) {
            fields.put("userId", userId);
        }
        new java.util.TreeMap<>(more).forEach(fields::put);
        return fields;
    }

    private static String roleName(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
