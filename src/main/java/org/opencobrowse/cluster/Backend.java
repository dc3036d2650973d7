package org.opencobrowse.cluster;

import java.time.Clock;
import java.time.Duration;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.store.EventBuffer;
import org.opencobrowse.store.HistoryStore;
import org.opencobrowse.store.InMemoryEventBuffer;
import org.opencobrowse.store.InMemoryHistoryStore;
import org.opencobrowse.store.InMemoryLookupFailures;
import org.opencobrowse.store.InMemorySessionStore;
import org.opencobrowse.store.LookupFailures;
import org.opencobrowse.store.RedisEventBuffer;
import org.opencobrowse.store.RedisHistoryStore;
import org.opencobrowse.store.RedisLookupFailures;
import org.opencobrowse.store.RedisSessionStore;
import org.opencobrowse.store.SessionStore;

/**
 * Everything a node shares with the other nodes of its cluster: sessions, history, event buffers, the broker, the
 * node registry and failed-lookup counts, all in memory (one node, the default) or all in Redis ({@code redis.uri}).
 * {@link #check} tells whether the shared store is reachable, and after an outage puts back what the node holds.
 */
public interface Backend extends AutoCloseable {
    SessionStore sessions();

    HistoryStore history();

    EventBuffer events();

    Broker broker();

    NodeRegistry registry();

    /** Failed session lookups per client address, for {@code limits.failedLookups}. */
    LookupFailures lookupFailures();

    /**
     * Renews this node's registration and checks the store; on the first success after a failure, re-asserts this
     * node's sessions. Returns whether the store is reachable.
     */
    boolean check();

    /** After the store lost its data, numbers the session's DOM frames on after {@code lastSeq}. */
    default void restoreSequence(String sessionToken, long lastSeq) {
    }

    @Override
    void close();

    /** The backend the configuration asks for: Redis when {@code redis.uri} is set, else in memory. */
    static Backend of(CobrowseConfig config, Clock clock) {
        if (config.redis().uri().isEmpty()) {
            return new InMemoryBackend(new InMemorySessionStore(),
                    new InMemoryHistoryStore(config.session().historyRetention(), clock),
                    new InMemoryEventBuffer(config.session().maxBufferBytes()), new InMemoryBroker(),
                    new InMemoryNodeRegistry(), new InMemoryLookupFailures(clock));
        }
        RedisConnector redis = RedisConnector.connect(config.redis());
        Duration sessionTtl = config.session().maxDuration().plus(config.session().reconnectGrace());
        return new RedisBackend(redis, new RedisSessionStore(redis, config.node().name(), sessionTtl),
                new RedisHistoryStore(redis, config.session().historyRetention()),
                new RedisEventBuffer(redis, config.session().maxBufferBytes(), sessionTtl,
                        config.node().name()), new RedisBroker(redis),
                new RedisNodeRegistry(redis, config.cluster().nodeTimeout()), new RedisLookupFailures(redis, clock));
    }
}
