package org.opencobrowse.store;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.cluster.RedisKeys;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.session.CobrowseSession;

/**
 * {@link SessionStore} in Redis, shared by the nodes of a cluster. Each session is a JSON string under a key with a
 * time to live of {@code session.maxDuration} plus the reconnect grace. The node keeps its own copy of the sessions it
 * hosts: while Redis is unreachable they keep working from that copy, and when Redis returns empty (it runs without
 * persistence) {@link #reassert} writes them back.
 */
public final class RedisSessionStore implements SessionStore {
    private final RedisConnector redis;
    private final RedisRecords records;
    private final String nodeName;
    private final Duration ttl;
    private final Map<String, CobrowseSession> hosted = new ConcurrentHashMap<>();
    /** Hosted sessions changed here while Redis was unreachable: their local copy is newer than Redis'. */
    private final java.util.Set<String> dirty = ConcurrentHashMap.newKeySet();

    public RedisSessionStore(RedisConnector redis, String nodeName, Duration ttl) {
        this.redis = redis;
        this.records = new RedisRecords(redis);
        this.nodeName = nodeName;
        this.ttl = ttl;
    }

    @Override
    public boolean insert(CobrowseSession session) {
        try {
            if (!records.insert(RedisKeys.session(session.token()), SessionCodec.encode(session), ttl)) {
                return false;
            }
            redis.sync().sadd(RedisKeys.liveSessions(), session.token());
            remember(session);
            return true;
        } catch (RedisException e) {
            throw unavailable();
        }
    }

    @Override
    public Optional<CobrowseSession> find(String token) {
        try {
            Optional<CobrowseSession> found = records.get(RedisKeys.session(token)).map(SessionCodec::decodeSession);
            if (found.isEmpty()) {
                hosted.remove(token);
            }
            return found;
        } catch (RedisException e) {
            return Optional.ofNullable(hosted.get(token)).or(() -> {
                throw unavailable();
            });
        }
    }

    @Override
    public Optional<CobrowseSession> update(String token, UnaryOperator<CobrowseSession> change) {
        try {
            Optional<CobrowseSession> updated = records.update(RedisKeys.session(token),
                    json -> SessionCodec.encode(change.apply(SessionCodec.decodeSession(json))), ttl)
                    .map(SessionCodec::decodeSession);
            updated.ifPresentOrElse(this::remember, () -> hosted.remove(token));
            return updated;
        } catch (RedisException e) {
            CobrowseSession local = hosted.get(token);
            if (local == null) {
                throw unavailable();
            }
            CobrowseSession changed = change.apply(local); // kept here, written back by reassert()
            hosted.put(token, changed);
            dirty.add(token);
            return Optional.of(changed);
        }
    }

    @Override
    public void remove(String token) {
        hosted.remove(token);
        dirty.remove(token);
        try {
            redis.sync().del(RedisKeys.session(token));
            redis.sync().srem(RedisKeys.liveSessions(), token);
        } catch (RedisException e) {
            // the key expires by itself; the live set entry is dropped by the next sweep that misses the key
        }
    }

    @Override
    public List<CobrowseSession> all() {
        try {
            List<String> tokens = new ArrayList<>(redis.sync().smembers(RedisKeys.liveSessions()));
            if (tokens.isEmpty()) {
                return List.of();
            }
            String[] keys = tokens.stream().map(RedisKeys::session).toArray(String[]::new);
            List<CobrowseSession> sessions = new ArrayList<>();
            List<KeyValue<String, String>> values = redis.sync().mget(keys);
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).hasValue()) {
                    sessions.add(SessionCodec.decodeSession(values.get(i).getValue()));
                } else {
                    redis.sync().srem(RedisKeys.liveSessions(), tokens.get(i)); // expired
                }
            }
            return sessions;
        } catch (RedisException e) {
            return List.copyOf(hosted.values());
        }
    }

    @Override
    public int count() {
        try {
            return redis.sync().scard(RedisKeys.liveSessions()).intValue();
        } catch (RedisException e) {
            return hosted.size();
        }
    }

    /**
     * Writes back this node's sessions that Redis lost or that changed here while it was unreachable; returns how
     * many were written. A session another node changed meanwhile (and that did not change here) is left as it is.
     */
    public int reassert() {
        int written = 0;
        for (CobrowseSession session : List.copyOf(hosted.values())) {
            String key = RedisKeys.session(session.token());
            if (dirty.remove(session.token()) || redis.sync().exists(key) == 0) {
                records.put(key, SessionCodec.encode(session), ttl);
                redis.sync().sadd(RedisKeys.liveSessions(), session.token());
                written++;
            }
        }
        return written;
    }

    private void remember(CobrowseSession session) {
        if (session.hostNode().equals(nodeName) && !session.isEnded()) {
            hosted.put(session.token(), session);
        } else {
            hosted.remove(session.token());
        }
    }

    private static CobrowseException unavailable() {
        return new CobrowseException(ErrorCode.UNAVAILABLE, "The session store (Redis) is unreachable");
    }
}
