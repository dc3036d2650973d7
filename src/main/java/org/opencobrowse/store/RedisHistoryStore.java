package org.opencobrowse.store;

import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.cluster.RedisKeys;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.session.SessionHistory;

/**
 * {@link HistoryStore} in Redis: each record is JSON under the session's hash tag, with an index from history id to
 * token; both expire after the retention. Records this node changed while Redis was unreachable are kept here and
 * written back by {@link #reassert}.
 */
public final class RedisHistoryStore implements HistoryStore {
    private final RedisConnector redis;
    private final RedisRecords records;
    private final Duration retention;
    private final Map<String, SessionHistory> pending = new ConcurrentHashMap<>();

    public RedisHistoryStore(RedisConnector redis, Duration retention) {
        this.redis = redis;
        this.records = new RedisRecords(redis);
        this.retention = retention;
    }

    @Override
    public void save(SessionHistory history) {
        try {
            records.put(RedisKeys.history(history.sessionToken()), SessionCodec.encode(history), retention);
            records.put(RedisKeys.historyIndex(history.id()), history.sessionToken(), retention);
        } catch (RedisException e) {
            pending.put(history.id(), history);
        }
    }

    @Override
    public Optional<SessionHistory> find(String historyId) {
        SessionHistory local = pending.get(historyId);
        if (local != null) {
            return Optional.of(local);
        }
        try {
            return records.get(RedisKeys.historyIndex(historyId)).flatMap(this::findByToken)
                    .filter(h -> h.id().equals(historyId));
        } catch (RedisException e) {
            throw unavailable();
        }
    }

    @Override
    public Optional<SessionHistory> findByToken(String sessionToken) {
        try {
            return records.get(RedisKeys.history(sessionToken)).map(SessionCodec::decodeHistory);
        } catch (RedisException e) {
            throw unavailable();
        }
    }

    /** Redis is unreachable: 503 unavailable rather than an internal error. */
    private static CobrowseException unavailable() {
        return new CobrowseException(ErrorCode.UNAVAILABLE, "The history store (Redis) is unreachable");
    }

    @Override
    public Optional<SessionHistory> update(String historyId, UnaryOperator<SessionHistory> change) {
        SessionHistory local = pending.get(historyId);
        if (local != null) {
            SessionHistory changed = change.apply(local);
            pending.put(historyId, changed);
            return Optional.of(changed);
        }
        try {
            Optional<String> token = records.get(RedisKeys.historyIndex(historyId));
            if (token.isEmpty()) {
                return Optional.empty();
            }
            // The record keeps the time to live it had: retention counts from the session's creation.
            Long ttl = redis.sync().pttl(RedisKeys.history(token.get()));
            Duration remaining = ttl == null || ttl <= 0 ? retention : Duration.ofMillis(ttl);
            return records.update(RedisKeys.history(token.get()),
                    json -> SessionCodec.encode(change.apply(SessionCodec.decodeHistory(json))), remaining)
                    .map(SessionCodec::decodeHistory);
        } catch (RedisException e) {
            return Optional.empty();
        }
    }

    @Override
    public void purgeExpired() {
        // Redis expires the keys itself.
    }

    /** Writes back records saved or changed here while Redis was unreachable; returns how many. */
    public int reassert() {
        int written = 0;
        for (SessionHistory history : java.util.List.copyOf(pending.values())) {
            records.put(RedisKeys.history(history.sessionToken()), SessionCodec.encode(history), retention);
            records.put(RedisKeys.historyIndex(history.id()), history.sessionToken(), retention);
            pending.remove(history.id(), history);
            written++;
        }
        return written;
    }
}
