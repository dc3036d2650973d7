package org.opencobrowse.session;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends sessions on their timeouts (idle, inactivity, maximum duration), times out participants who did not resume
 * within the reconnect grace, and purges expired history. The node runs it every {@link #intervalMillis} (1 s with
 * the default timeouts); each run costs according to what is due:
 * <ul>
 * <li>every run: participants past their reconnect grace (a lookup among this node's closed sockets);</li>
 * <li>when due: a scan of every stored session. After a scan the next one is due at the earliest of the earliest
 * timeout among the sessions swept here, now + the shortest session timeout (a session created meanwhile), and
 * now + {@code cluster.nodeTimeout} (taking over the sessions of a node that died). Activity only postpones
 * deadlines, so a session still ends within one interval of its timeout; one whose hosting moves here from a live
 * node between scans is swept from the next scan on;</li>
 * <li>once a minute, and on the first run: the purge of expired history.</li>
 * </ul>
 * Runs are not concurrent (one scheduled task), so the schedule needs no synchronisation.
 */
public final class SessionSweeper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweeper.class);
    /**
     * History retention is counted in days, so a purge up to a minute late keeps records a negligible moment longer,
     * while a purge every run would scan the history store every second.
     */
    private static final long PURGE_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

    private final CobrowseConfig.Sessions limits;
    private final long nodeTimeoutMillis;
    private final long shortestTimeoutMillis;
    private final SessionService service;
    private final SessionStore store;
    private final Clock clock;
    private final Predicate<CobrowseSession> sweepsHere;
    private final Function<String, OptionalLong> lastActivity;
    private final LongFunction<List<String>> disconnectedBefore;
    private long nextScanAt = Long.MIN_VALUE;
    private long lastScanAt = Long.MIN_VALUE;
    private long nextPurgeAt = Long.MIN_VALUE;
    private long lastPurgeAt = Long.MIN_VALUE;

    /**
     * @param sweepsHere         whether this node runs a session's timeouts (its own, or a dead node's)
     * @param lastActivity       last frame time (UTC ms) of a session on this node, if it has connections
     * @param disconnectedBefore userTokens whose socket closed before a time and who have not resumed
     */
    public SessionSweeper(CobrowseConfig config, SessionService service, SessionStore store,
                          Predicate<CobrowseSession> sweepsHere,
                          Function<String, OptionalLong> lastActivity, LongFunction<List<String>> disconnectedBefore) {
        this.limits = config.session();
        this.nodeTimeoutMillis = config.cluster().nodeTimeout().toMillis();
        this.shortestTimeoutMillis = List.of(limits.idleTimeout(), limits.inactivityTimeout(), limits.maxDuration())
                .stream().mapToLong(Duration::toMillis).min().orElseThrow();
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
        if (isDue(now, nextScanAt, lastScanAt)) {
            // set only once the scan completed: a failed scan is retried on the next run
            nextScanAt = scan(now);
            lastScanAt = now;
        }
        if (isDue(now, nextPurgeAt, lastPurgeAt)) {
            service.purgeHistory();
            nextPurgeAt = now + PURGE_INTERVAL_MILLIS;
            lastPurgeAt = now;
        }
    }

    /** Due when its time came, or when the wall clock was set back past the last time (which would delay it). */
    private static boolean isDue(long now, long dueAt, long lastAt) {
        return now >= dueAt || now < lastAt;
    }

    /** Ends the sessions swept here whose timeout passed; returns when the next scan is due (after now). */
    private long scan(long now) {
        long next = now + Math.min(shortestTimeoutMillis, nodeTimeoutMillis);
        for (CobrowseSession session : store.all()) {
            if (session.isEnded() || !sweepsHere.test(session)) {
                continue;
            }
            Optional<EndReason> reason = timeoutReason(session, now);
            if (reason.isPresent()) {
                service.end(session.token(), reason.get());
            } else {
                next = Math.min(next, earliestDeadline(session)); // after now, since no timeout passed
            }
        }
        return next;
    }

    private Optional<EndReason> timeoutReason(CobrowseSession session, long now) {
        if (now >= maxDurationDeadline(session)) {
            return Optional.of(EndReason.MAX_DURATION);
        }
        if (now >= idleDeadline(session)) {
            return Optional.of(EndReason.IDLE_TIMEOUT);
        }
        if (now >= inactivityDeadline(session)) {
            return Optional.of(EndReason.INACTIVITY_TIMEOUT);
        }
        return Optional.empty();
    }

    private long earliestDeadline(CobrowseSession session) {
        return Math.min(maxDurationDeadline(session), Math.min(idleDeadline(session), inactivityDeadline(session)));
    }

    private long maxDurationDeadline(CobrowseSession session) {
        return session.creationTime() + limits.maxDuration().toMillis();
    }

    /** Only a session no agent joined yet (IDLE) has one; it never returns to IDLE. */
    private long idleDeadline(CobrowseSession session) {
        return session.state() == SessionState.IDLE ? session.creationTime() + limits.idleTimeout().toMillis()
                : Long.MAX_VALUE;
    }

    private long inactivityDeadline(CobrowseSession session) {
        long last = Math.max(session.creationTime(), lastActivity.apply(session.token()).orElse(0));
        return last + limits.inactivityTimeout().toMillis();
    }

    /** How often to sweep: a quarter of the shortest timeout, between 50 ms and 1 s. */
    public static long intervalMillis(CobrowseConfig config) {
        CobrowseConfig.Sessions s = config.session();
        long shortest = List.of(s.idleTimeout(), s.inactivityTimeout(), s.maxDuration(), s.reconnectGrace()).stream()
                .mapToLong(Duration::toMillis).min().orElse(1000);
        return Math.max(50, Math.min(1000, shortest / 4));
    }
}
