package org.opencobrowse.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.opencobrowse.config.ConfigException;

/**
 * {@link NodeRegistry} in Redis: a key per node name holding this process' instance id, with a time to live that
 * heartbeats renew. A second process with the same name finds the key held by another instance and refuses to start.
 */
public final class RedisNodeRegistry implements NodeRegistry {
    /** Renews our key, or takes it back after Redis lost it; 0 when another instance holds the name. */
    private static final LuaScript RENEW = LuaScript.of("""
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """);
    private static final LuaScript RELEASE = LuaScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final RedisConnector redis;
    private final Duration nodeTimeout;
    private final String instanceId = UUID.randomUUID().toString();
    private String key;

    /** @param nodeTimeout how long a node that stopped heartbeating still counts as alive */
    public RedisNodeRegistry(RedisConnector redis, Duration nodeTimeout) {
        this.redis = redis;
        this.nodeTimeout = nodeTimeout;
    }

    @Override
    public void register(String nodeName, Optional<String> serverUrl) {
        key = RedisKeys.node(nodeName);
        String set = redis.sync().set(key, instanceId, SetArgs.Builder.nx().px(nodeTimeout.toMillis()));
        if (!"OK".equals(set)) {
            throw new ConfigException("node.name '" + nodeName + "' is already used by a running node of this "
                    + "cluster; names must be unique (if that node died, it expires within " + nodeTimeout + ")");
        }
    }

    @Override
    public boolean heartbeat() {
        try {
            Long renewed = RENEW.run(redis.sync(), ScriptOutputType.INTEGER, new String[] {key}, instanceId,
                    String.valueOf(nodeTimeout.toMillis()));
            return renewed != null && renewed == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean isAlive(String nodeName) {
        try {
            return redis.sync().exists(RedisKeys.node(nodeName)) == 1;
        } catch (RuntimeException e) {
            return true; // cannot tell: assume alive rather than take over its sessions
        }
    }

    @Override
    public void deregister() {
        try {
            RELEASE.run(redis.sync(), ScriptOutputType.INTEGER, new String[] {key}, instanceId);
        } catch (RuntimeException ignored) {
            // the key expires by itself
        }
    }
}
