package org.opencobrowse.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import org.opencobrowse.cluster.LuaScript;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.cluster.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LookupFailures} in Redis, shared by the nodes of a cluster: a counter per group that expires with its window
 * and a lockout key that expires with the lockout (Redis' clock, so the nodes' clocks do not matter). While Redis is
 * unreachable nothing is counted and nobody is locked out here: sessions live in Redis too, so lookups fail anyway
 * until it is back.
 */
public final class RedisLookupFailures implements LookupFailures {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLookupFailures.class);
    /** KEYS: counter. ARGV: window ms. Counts a failure; the first one of a window sets its expiry. */
    private static final LuaScript COUNT = LuaScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return n
            """);

    private final RedisConnector redis;

    public RedisLookupFailures(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public long failed(String group, Duration window) {
        try {
            Long count = COUNT.run(redis.sync(), ScriptOutputType.INTEGER,
                    new String[] {RedisKeys.lookupFailures(group)}, String.valueOf(window.toMillis()));
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            LOG.debug("Counting a failed lookup in Redis failed: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void lockOut(String group, Duration lockout) {
        try {
            redis.sync().set(RedisKeys.lookupLockout(group), "1", SetArgs.Builder.px(lockout.toMillis()));
        } catch (RuntimeException e) {
            LOG.debug("Storing a lockout in Redis failed: {}", e.getMessage());
        }
    }

    @Override
    public boolean lockedOut(String group) {
        try {
            return redis.sync().exists(RedisKeys.lookupLockout(group)) > 0;
        } catch (RuntimeException e) {
            LOG.debug("Reading a lockout from Redis failed: {}", e.getMessage());
            return false;
        }
    }
}
