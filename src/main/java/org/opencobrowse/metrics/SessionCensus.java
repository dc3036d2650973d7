package org.opencobrowse.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts of the hosted sessions by state and of their participants by role, taken from the store once per scrape
 * ({@link #refresh}) however many gauges read them (one scrape reads five). If the store fails, the last counts stay.
 */
final class SessionCensus {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCensus.class);
    private final Supplier<List<CobrowseSession>> hostedSessions;
    private Map<SessionState, Integer> sessions = new EnumMap<>(SessionState.class);
    private Map<Role, Integer> participants = new EnumMap<>(Role.class);

    SessionCensus(Supplier<List<CobrowseSession>> hostedSessions) {
        this.hostedSessions = hostedSessions;
    }

    synchronized int sessions(SessionState state) {
        return sessions.getOrDefault(state, 0);
    }

    synchronized int participants(Role role) {
        return participants.getOrDefault(role, 0);
    }

    synchronized void refresh() {
        try {
            Map<SessionState, Integer> byState = new EnumMap<>(SessionState.class);
            Map<Role, Integer> byRole = new EnumMap<>(Role.class);
            for (CobrowseSession session : hostedSessions.get()) {
                byState.merge(session.state(), 1, Integer::sum);
                for (Participant p : session.participants()) {
                    byRole.merge(p.role(), 1, Integer::sum);
                }
            }
            sessions = byState;
            participants = byRole;
        } catch (RuntimeException e) {
            LOG.warn("Counting sessions for metrics failed: {}", e.getMessage());
        }
    }
}
