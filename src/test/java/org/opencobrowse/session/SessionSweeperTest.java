package org.opencobrowse.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.config.ConfigLoader;
import org.opencobrowse.store.InMemoryHistoryStore;
import org.opencobrowse.store.InMemorySessionStore;
import org.opencobrowse.store.SessionStore;

/**
 * The sweeper reads the session store only when a timeout may be due, yet every session still ends within one sweep
 * interval of its deadline. Runs on a test clock, stepped the way the node schedules the sweeper.
 */
class SessionSweeperTest {
    private static final String[] SHORT_TIMEOUTS = {"--session.idleTimeout=10s", "--session.inactivityTimeout=20s",
            "--session.maxDuration=60s", "--cluster.nodeTimeout=60s"};

    @Test
    void aRunWithNothingDueDoesNotReadTheSessions() {
        Rig rig = new Rig(); // default timeouts (10 min and more), nodeTimeout 5 s, interval 1 s
        rig.service.create();
        rig.runUntil(0);
        assertThat(rig.store.allCalls).isEqualTo(1);
        rig.runUntil(4_999);
        assertThat(rig.store.allCalls).as("runs at 1..4 s with nothing due").isEqualTo(1);
        rig.runUntil(5_000);
        assertThat(rig.store.allCalls).as("a scan every nodeTimeout finds the sessions of dead nodes").isEqualTo(2);
    }

    @Test
    void anIdleSessionEndsWithinOneIntervalOfItsIdleTimeout() {
        Rig rig = new Rig(SHORT_TIMEOUTS);
        rig.runUntil(0);
        rig.clock.advance(300);
        String token = rig.service.create().sessionToken();
        rig.assertEndsAt(token, 10_300, EndReason.IDLE_TIMEOUT);
    }

    @Test
    void activityPostponesTheInactivityTimeout() {
        Rig rig = new Rig(SHORT_TIMEOUTS);
        rig.clock.advance(300);
        String token = rig.activeSession();
        rig.runUntil(15_000); // activity at 15.3 s moves the deadline from 20.3 s to 35.3 s
        rig.clock.advance(300);
        rig.touch(token);
        rig.assertEndsAt(token, 35_300, EndReason.INACTIVITY_TIMEOUT);
    }

    @Test
    void aBusySessionEndsAtItsMaximumDuration() {
        Rig rig = new Rig(SHORT_TIMEOUTS);
        rig.clock.advance(300);
        String token = rig.activeSession();
        for (long at = 10_000; at <= 50_000; at += 10_000) {
            rig.runUntil(at);
            rig.touch(token);
        }
        rig.assertEndsAt(token, 60_300, EndReason.MAX_DURATION);
    }

    @Test
    void aSessionCreatedRightAfterAScanStillEndsOnTime() {
        Rig rig = new Rig(SHORT_TIMEOUTS);
        rig.runUntil(0); // an empty store: only the bounds set the next scan
        rig.clock.advance(1);
        String token = rig.service.create().sessionToken();
        rig.assertEndsAt(token, 10_001, EndReason.IDLE_TIMEOUT);
    }

    @Test
    void theSessionsOfADeadNodeAreTakenOverWithinTheNodeTimeout() {
        Rig rig = new Rig(); // nodeTimeout 5 s
        rig.runUntil(0);
        rig.clock.advance(200);
        String token = rig.otherNode("B").create().sessionToken();
        rig.clock.advance(300);
        rig.deadNodes.add("B");
        rig.runUntil(500 + 5_000 - 1);
        assertThat(rig.store.find(token)).hasValueSatisfying(s -> assertThat(s.hostNode()).isEqualTo("A"));
    }

    @Test
    void aPassedDeadlineOfASessionSweptElsewhereDoesNotMakeEveryRunScan() {
        Rig rig = new Rig(SHORT_TIMEOUTS);
        rig.otherNode("B").create(); // B is alive: its idle timeout (10 s) is B's business
        rig.runUntil(10_000);
        int scans = rig.store.allCalls;
        rig.runUntil(19_999);
        assertThat(rig.store.allCalls).isEqualTo(scans);
    }

    @Test
    void historyIsPurgedOnTheFirstRunThenOnceAMinute() {
        Rig rig = new Rig(); // history kept 30 s in this rig
        String expired = rig.historyIdOf(rig.service.create().sessionToken());
        rig.clock.advance(31_000);
        rig.runUntil(31_000);
        assertThat(rig.history.find(expired)).as("purged by the first run").isEmpty();
        String next = rig.historyIdOf(rig.service.create().sessionToken());
        rig.runUntil(90_000);
        assertThat(rig.history.find(next)).as("expired at 61 s, but purges are a minute apart").isPresent();
        rig.runUntil(91_000);
        assertThat(rig.history.find(next)).isEmpty();
    }

    @Test
    void aClockSetBackScansAtOnce() {
        Rig rig = new Rig();
        rig.runUntil(0);
        rig.clock.advance(-Duration.ofHours(1).toMillis());
        rig.sweeper.run();
        assertThat(rig.store.allCalls).isEqualTo(2);
    }

    /** Node "A": a real service on in-memory stores, its sweeper, and the node's view of activity and dead nodes. */
    private static final class Rig {
        final TestClock clock = new TestClock();
        final long start = clock.millis();
        final CountingSessionStore store = new CountingSessionStore();
        final InMemoryHistoryStore history = new InMemoryHistoryStore(Duration.ofSeconds(30), clock);
        final Map<String, Long> activity = new ConcurrentHashMap<>();
        final Set<String> deadNodes = ConcurrentHashMap.newKeySet();
        final Map<String, EndReason> ended = new ConcurrentHashMap<>();
        final String[] flags;
        final SessionService service;
        final SessionSweeper sweeper;
        final long interval;

        Rig(String... flags) {
            this.flags = flags;
            CobrowseConfig config = config("A");
            service = new SessionService(config, store, history, clock);
            service.setListener(new EndRecorder(this));
            sweeper = new SessionSweeper(config, service, store, this::sweepsHere,
                    token -> activity.containsKey(token) ? OptionalLong.of(activity.get(token)) : OptionalLong.empty(),
                    cutoff -> List.of());
            interval = SessionSweeper.intervalMillis(config);
        }

        CobrowseConfig config(String nodeName) {
            List<String> args = new ArrayList<>(List.of(flags));
            args.add("--node.name=" + nodeName);
            return ConfigLoader.load(args, Map.of());
        }

        /** The service of another node on the same stores. */
        SessionService otherNode(String name) {
            return new SessionService(config(name), store, history, clock);
        }

        /** As the node does: its own sessions, and those of dead nodes, which it takes over. */
        private boolean sweepsHere(CobrowseSession session) {
            if (deadNodes.contains(session.hostNode())) {
                service.claimHosting(session.token());
                touch(session.token());
                return true;
            }
            return session.hostNode().equals("A");
        }

        String activeSession() {
            String token = service.create().sessionToken();
            service.join(token, Role.AGENT, "Ann", null);
            touch(token);
            return token;
        }

        String historyIdOf(String token) {
            return history.findByToken(token).orElseThrow().id();
        }

        void touch(String token) {
            activity.put(token, clock.millis());
        }

        /** Runs the sweeper every interval from the start, as the node does, up to {@code until} ms after start. */
        void runUntil(long until) {
            long sinceStart = clock.millis() - start;
            long nextRun = sinceStart <= 0 ? 0 : (sinceStart + interval - 1) / interval * interval;
            for (; nextRun <= until; nextRun += interval) {
                clock.advance(start + nextRun - clock.millis());
                sweeper.run();
            }
        }

        /** The session is live at every run before {@code deadline} and ends for {@code reason} at the first one after. */
        void assertEndsAt(String token, long deadline, EndReason reason) {
            runUntil(deadline - 1);
            assertThat(store.find(token)).as("live before its deadline").isPresent();
            runUntil(deadline + interval - 1);
            assertThat(ended).containsEntry(token, reason);
        }
    }

    private record EndRecorder(Rig rig) implements SessionListener {
        @Override
        public void deactivated(CobrowseSession session) {
            rig.ended.put(session.token(), session.endReason().orElseThrow());
        }

        @Override
        public void joined(CobrowseSession session, Participant participant) {
        }

        @Override
        public void left(CobrowseSession session, Participant participant, String reason) {
        }

        @Override
        public void activated(CobrowseSession session) {
        }
    }

    /** The real in-memory store, counting the full reads that the sweeper should keep rare. */
    private static final class CountingSessionStore implements SessionStore {
        private final InMemorySessionStore delegate = new InMemorySessionStore();
        int allCalls;

        @Override
        public boolean insert(CobrowseSession session) {
            return delegate.insert(session);
        }

        @Override
        public Optional<CobrowseSession> find(String token) {
            return delegate.find(token);
        }

        @Override
        public Optional<CobrowseSession> update(String token, UnaryOperator<CobrowseSession> change) {
            return delegate.update(token, change);
        }

        @Override
        public void remove(String token) {
            delegate.remove(token);
        }

        @Override
        public List<CobrowseSession> all() {
            allCalls++;
            return delegate.all();
        }

        @Override
        public int count() {
            return delegate.count();
        }
    }

    /** A clock that moves only when told. */
    private static final class TestClock extends Clock {
        private volatile long millis = Instant.parse("2025-03-01T09:00:00Z").toEpochMilli();

        void advance(long delta) {
            millis += delta;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
