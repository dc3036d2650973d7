package org.opencobrowse.session;

import java.util.Optional;

/**
 * Receives lifecycle changes of sessions, in order for each session, after they are stored. The realtime hub turns
 * them into notifications; metrics count them and the audit trail records them. Implementations must not block.
 */
public interface SessionListener {
    /** A session was created (no one joined yet). */
    default void created(CobrowseSession session) {
    }

    void joined(CobrowseSession session, Participant participant);

    void left(CobrowseSession session, Participant participant, String reason);

    void activated(CobrowseSession session);

    /** The controller asked to stop the session; {@link #deactivated} follows with reason controller_stop. */
    default void stopped(CobrowseSession session, Participant controller) {
    }

    void deactivated(CobrowseSession session);

    /** An agent asks the customer for control (write mode). */
    default void controlRequested(CobrowseSession session, Participant agent) {
    }

    /** The customer refused control to the agent {@code agentUserId}. */
    default void controlDenied(CobrowseSession session, Participant customer, String agentUserId) {
    }

    /**
     * Write mode started or ended: {@code session.controlHolder()} is the agent who may act now (empty: pointer mode);
     * {@code previousHolder} who could act before; {@code reason} is "granted", "revoked", "released" or "left".
     */
    default void controlChanged(CobrowseSession session, Optional<String> previousHolder, String reason) {
    }

    /**
     * The customer's script refused an agent's command; {@code reason} is its wire reason ("masked", "restricted",
     * "not_granted", ...). The rejection itself is relayed by the realtime layer; this is for the record.
     */
    default void commandRejected(CobrowseSession session, String agentUserId, String action, String reason) {
    }

    SessionListener NONE = new SessionListener() {
        @Override
        public void joined(CobrowseSession session, Participant participant) {
        }

        @Override
        public void left(CobrowseSession session, Participant participant, String reason) {
        }

        @Override
        public void activated(CobrowseSession session) {
        }

        @Override
        public void deactivated(CobrowseSession session) {
        }
    };
}
