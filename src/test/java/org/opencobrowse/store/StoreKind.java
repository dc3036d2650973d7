package org.opencobrowse.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.testing.SharedRedis;

/** The two implementations every store contract test runs against; Redis ones get a flushed shared server. */
enum StoreKind {
    IN_MEMORY, REDIS;

    /** Connections opened for one test, closed after it. */
    static final List<RedisConnector> OPEN = new ArrayList<>();

    static void closeAll() {
        OPEN.forEach(RedisConnector::close);
        OPEN.clear();
    }

    static RedisConnector redis() {
        RedisConnector connector = SharedRedis.connect();
        OPEN.add(connector);
        return connector;
    }

    SessionStore sessionStore() {
        return this == IN_MEMORY ? new InMemorySessionStore()
                : new RedisSessionStore(redis(), "Node_A", Duration.ofMinutes(5));
    }

    HistoryStore historyStore(Duration retention) {
        return this == IN_MEMORY ? new InMemoryHistoryStore(retention, Clock.systemUTC())
                : new RedisHistoryStore(redis(), retention);
    }

    /** Two stores sharing their state as two nodes of one cluster would (one in memory: the same instance). */
    LookupFailures[] lookupFailuresOfTwoNodes() {
        if (this == IN_MEMORY) {
            LookupFailures shared = new InMemoryLookupFailures(Clock.systemUTC());
            return new LookupFailures[] {shared, shared};
        }
        return new LookupFailures[] {new RedisLookupFailures(redis(), Clock.systemUTC()),
                new RedisLookupFailures(redis(), Clock.systemUTC())};
    }

    EventBuffer eventBuffer(long maxBytes) {
        return this == IN_MEMORY ? new InMemoryEventBuffer(maxBytes)
                : new RedisEventBuffer(redis(), maxBytes, Duration.ofMinutes(5));
    }
}
