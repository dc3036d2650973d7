package org.opencobrowse.cluster;

import org.opencobrowse.store.EventBuffer;
import org.opencobrowse.store.HistoryStore;
import org.opencobrowse.store.LookupFailures;
import org.opencobrowse.store.RedisEventBuffer;
import org.opencobrowse.store.RedisHistoryStore;
import org.opencobrowse.store.RedisLookupFailures;
import org.opencobrowse.store.RedisSessionStore;
import org.opencobrowse.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Backend} of a cluster node: every shared part in Redis, with recovery after Redis outages. */
final class RedisBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBackend.class);

    private final RedisConnector redis;
    private final RedisSessionStore sessions;
    private final RedisHistoryStore history;
    private final RedisEventBuffer events;
    private final RedisBroker broker;
    private final RedisNodeRegistry registry;
    private final RedisLookupFailures lookupFailures;
    private volatile boolean reachable = true;

    RedisBackend(RedisConnector redis, RedisSessionStore sessions, RedisHistoryStore history, RedisEventBuffer events,
                 RedisBroker broker, RedisNodeRegistry registry, RedisLookupFailures lookupFailures) {
        this.redis = redis;
        this.sessions = sessions;
        this.history = history;
        this.events = events;
        this.broker = broker;
        this.registry = registry;
        this.lookupFailures = lookupFailures;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public EventBuffer events() {
        return events;
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public NodeRegistry registry() {
        return registry;
    }

    @Override
    public LookupFailures lookupFailures() {
        return lookupFailures;
    }

    @Override
    public boolean check() {
        boolean ok = redis.ping() && registry.heartbeat();
        if (ok && !reachable) {
            try {
                int restored = sessions.reassert() + history.reassert();
                broker.resubscribe();
                LOG.info("Redis is reachable again; re-asserted {} records of this node", restored);
            } catch (RuntimeException e) {
                LOG.warn("Re-asserting this node's sessions failed; will retry: {}", e.getMessage());
                return false;
            }
        } else if (!ok && reachable) {
            LOG.warn("Redis is unreachable: health reports 503; local sessions keep running");
        }
        reachable = ok;
        return ok;
    }

    @Override
    public void restoreSequence(String sessionToken, long lastSeq) {
        events.restoreSequence(sessionToken, lastSeq);
    }

    @Override
    public void close() {
        registry.deregister();
        broker.close();
        redis.close();
    }
}
