package org.opencobrowse.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
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

    private static final long WARN_INTERVAL_MILLIS = 60_000;

    private final RedisConnector redis;
    private final InMemoryLookupFailures local;
    private final Clock clock;
    /** Set while Redis calls fail: an outage is logged at its start and end, at most once a minute when it flaps. */
    private volatile boolean failing;
    private volatile long lastWarned;

    public RedisLookupFailures(RedisConnector redis, Clock clock) {
        this.redis = redis;
        // Never "locked out because full" here: with Redis up, a flood of addresses must not refuse everyone.
        this.local = new InMemoryLookupFailures(clock, InMemoryLookupFailures.MAX_TRACKED, false);
        this.clock = clock;
        this.lastWarned = clock.millis() - WARN_INTERVAL_MILLIS;
    }

    @Override
    public long failed(String group, Duration window) {
        long here = local.failed(group, window);
        Long shared = inRedis(() -> COUNT.<Long>run(redis.sync(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.lookupFailures(group)}, String.valueOf(window.toMillis())), null);
        return Math.max(here, shared == null ? 0 : shared);
    }

    @Override
    public void lockOut(String group, Duration lockout) {
        local.lockOut(group, lockout);
        inRedis(() -> redis.sync().set(RedisKeys.lookupLockout(group), "1", SetArgs.Builder.px(lockout.toMillis())),
                null);
    }

    @Override
    public boolean lockedOut(String group) {
        return local.lockedOut(group)
                || inRedis(() -> redis.sync().exists(RedisKeys.lookupLockout(group)) > 0, false);
    }

    /** {@code call}'s answer, or {@code whenUnreachable} when Redis fails it (then this node's count alone decides). */
    private <T> T inRedis(Supplier<T> call, T whenUnreachable) {
        try {
            T answer = call.get();
            reachable();
            return answer;
        } catch (RuntimeException e) {
            unreachable(e);
            return whenUnreachable;
        }
    }

    private void reachable() {
        if (failing) {
            failing = false;
            LOG.info("Failed lookups are counted across the cluster again");
        }
    }

    private void unreachable(RuntimeException e) {
        long now = clock.millis();
        if (!failing && now - lastWarned >= WARN_INTERVAL_MILLIS) {
            lastWarned = now;
            LOG.warn("Failed lookups are counted on this node only until Redis answers again: {}", e.getMessage());
        }
        failing = true;
    }
}
