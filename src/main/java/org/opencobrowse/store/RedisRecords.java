package org.opencobrowse.store;

import org.opencobrowse.cluster.LuaScript;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;

/**
 * JSON records in Redis string keys with a time to live, updated atomically by compare-and-set (a Lua script that
 * writes only if the value is still the one read). Shared by the Redis stores.
 */
final class RedisRecords {
    /** Returns 1 when written, 0 when the value changed meanwhile, -1 when the key is gone. */
    private static final LuaScript COMPARE_AND_SET = LuaScript.of("""
            local current = redis.call('GET', KEYS[1])
            if not current then return -1 end
            if current ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);
    private static final int MAX_ATTEMPTS = 50;

    private final RedisConnector redis;

    RedisRecords(RedisConnector redis) {
        this.redis = redis;
    }

    boolean insert(String key, String value, Duration ttl) {
        return "OK".equals(redis.sync().set(key, value, SetArgs.Builder.nx().px(ttl.toMillis())));
    }

    void put(String key, String value, Duration ttl) {
        redis.sync().set(key, value, SetArgs.Builder.px(ttl.toMillis()));
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(redis.sync().get(key));
    }

    /** Reads, changes and writes back until no other writer came in between; empty when the key is gone. */
    Optional<String> update(String key, UnaryOperator<String> change, Duration ttl) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String current = redis.sync().get(key);
            if (current == null) {
                return Optional.empty();
            }
            String next = change.apply(current);
            Long result = COMPARE_AND_SET.run(redis.sync(), ScriptOutputType.INTEGER, new String[] {key},
                    current, next, String.valueOf(ttl.toMillis()));
            if (result == 1) {
                return Optional.of(next);
            }
            if (result == -1) {
                return Optional.empty();
            }
        }
        throw new CobrowseException(ErrorCode.UNAVAILABLE, "Too many concurrent updates of one record");
    }

    static boolean isRedisFailure(RuntimeException e) {
        return e instanceof RedisException || e.getCause() instanceof RedisException;
    }
}
