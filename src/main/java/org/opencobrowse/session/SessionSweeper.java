package org.opencobrowse.session;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends sessions on their timeouts (idle, inactivity, maximum duration), times out participants who did not resume
 * within the reconnect grace, and purges expired history. Run periodically by the node.
 */
public final class SessionSweeper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweeper.class);

    private final CobrowseConfig.Sessions limits;
    private final SessionService service;
    private final SessionStore store;
    private final Clock clock;
    private final java.util.function.Predicate<CobrowseSession> sweepsHere;
    private final Function<String, OptionalLong> lastActivity;
    private final LongFunction<List<String>> disconnectedBefore;

    /**
     * @param sweepsHere         whether this node runs a session's timeouts (its own, or a dead node's)
     * @param lastActivity       last frame time (UTC ms) of a session on this node, if it has connections
     * @param disconnectedBefore userTokens whose socket closed before a time and who have not resumed
     */
    public SessionSweeper(CobrowseConfig config, SessionService service, SessionStore store,
                          java.util.function.Predicate<CobrowseSession> sweepsHere,
                          Function<String, OptionalLong> lastActivity, LongFunction<List<String>> disconnectedBefore) {
        this.limits = config.session();
        this.service = service;
        this.store = store;
        this.clock = service.clock();
        this.sweepsHere = sweepsHere;
        this.lastActivity = lastActivity;
        this.disconnectedBefore = disconnectedBefore;
    }

    @Override
    public void run() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("Session sweep failed; the next one will retry", e);
        }
    }

    private void sweep() {
        long now = clock.millis();
        for (String userToken : disconnectedBefore.apply(now - limits.reconnectGrace().toMillis())) {
            try {
                service.exit(userToken, "timeout");
            } catch (CobrowseException gone) {
                // the participant or its session ended meanwhile: nothing to time out
            }
        }
        for (CobrowseSession session : store.all()) {
            if (!sweepsHere.test(session)) {
                continue;
            }
            timeoutReason(session, now).ifPresent(reason -> service.end(session.token(), reason));
        }
        service.purgeHistory();
    }

    private java.util.Optional<EndReason> timeoutReason(CobrowseSession session, long now) {
        if (session.isEnded()) {
            return java.util.Optional.empty();
        }
        if (now - session.creationTime() >= limits.maxDuration().toMillis()) {
            return java.util.Optional.of(EndReason.MAX_DURATION);
        }
        if (session.state() == SessionState.IDLE && now - session.creationTime() >= limits.idleTimeout().toMillis()) {
            return java.util.Optional.of(EndReason.IDLE_TIMEOUT);
        }
        long last = Math.max(session.creationTime(), lastActivity.apply(session.token()).orElse(0));
        if (now - last >= limits.inactivityTimeout().toMillis()) {
            return java.util.Optional.of(EndReason.INACTIVITY_TIMEOUT);
        }
        return java.util.Optional.empty();
    }

    /** How often to sweep: a quarter of the shortest timeout, between 50 ms and 1 s. */
    public static long intervalMillis(CobrowseConfig config) {
        CobrowseConfig.Sessions s = config.session();
        long shortest = List.of(s.idleTimeout(), s.inactivityTimeout(), s.maxDuration(), s.reconnectGrace()).stream()
                .mapToLong(java.time.Duration::toMillis).min().orElse(1000);
        return Math.max(50, Math.min(1000, shortest / 4));
    }
}
