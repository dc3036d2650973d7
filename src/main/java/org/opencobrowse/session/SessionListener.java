package org.opencobrowse.session;

/**
 * Receives lifecycle changes of sessions, in order for each session, after they are stored. The realtime hub turns
 * them into notifications. Implementations must not block.
 */
public interface SessionListener {
    void joined(CobrowseSession session, Participant participant);

    void left(CobrowseSession session, Participant participant, String reason);

    void activated(CobrowseSession session);

    void deactivated(CobrowseSession session);

    /**
     * Write mode started or ended: {@code session.controlHolder()} is the agent who may act now (empty: pointer mode);
     * {@code reason} is "granted", "revoked", "released" or "left".
     */
    default void controlChanged(CobrowseSession session, String reason) {
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
