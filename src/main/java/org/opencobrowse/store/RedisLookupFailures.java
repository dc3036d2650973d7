package org.opencobrowse.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import org.opencobrowse.cluster.LuaScript;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.cluster.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LookupFailures} in Redis, shared by the nodes of a cluster: a counter per group that expires with its window
 * and a lockout key that expires with the lockout (Redis' clock, so the nodes' clocks do not matter). Every failure is
 * also counted in this node's memory, which alone decides while Redis is unreachable: a node keeps serving its own
 * sessions then, and guessing at them stays limited (per node, as without Redis).
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
    private final InMemoryLookupFailures local;
    /** Set while Redis calls fail, so that an outage is logged once (at its start), not once per lookup. */
    private volatile boolean failing;

    public RedisLookupFailures(RedisConnector redis, Clock clock) {
        this.redis = redis;
        this.local = new InMemoryLookupFailures(clock);
    }

    @Override
    public long failed(String group, Duration window) {
        long here = local.failed(group, window);
        try {
            Long shared = COUNT.run(redis.sync(), ScriptOutputType.INTEGER,
                    new String[] {RedisKeys.lookupFailures(group)}, String.valueOf(window.toMillis()));
            reachable();
            return Math.max(here, shared == null ? 0 : shared);
        } catch (RuntimeException e) {
            unreachable(e);
            return here;
        }
    }

    @Override
    public void lockOut(String group, Duration lockout) {
        local.lockOut(group, lockout);
        try {
            redis.sync().set(RedisKeys.lookupLockout(group), "1", SetArgs.Builder.px(lockout.toMillis()));
            reachable();
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    @Override
    public boolean lockedOut(String group) {
        if (local.lockedOut(group)) {
            return true;
        }
        try {
            boolean shared = redis.sync().exists(RedisKeys.lookupLockout(group)) > 0;
            reachable();
            return shared;
        } catch (RuntimeException e) {
            unreachable(e);
            return false;
        }
    }

    private void reachable() {
        failing = false;
    }

    private void unreachable(RuntimeException e) {
        if (!failing) {
            failing = true;
            LOG.warn("Failed lookups are counted on this node only until Redis answers again: {}", e.getMessage());
        }
    }
}
