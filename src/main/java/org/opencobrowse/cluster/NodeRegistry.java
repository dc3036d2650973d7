package org.opencobrowse.cluster;

import java.util.Optional;

/**
 * The nodes of a cluster: each registers its unique name with a heartbeat, so that others know which nodes are alive
 * and where they are. Implementations: {@link InMemoryNodeRegistry} (one process) and {@link RedisNodeRegistry}.
 */
public interface NodeRegistry {

    /**
     * Registers this node; throws {@link org.opencobrowse.config.ConfigException} when another live node already
     * has the name.
     *
     * @param serverUrl the node's {@code cluster.serverUrl}, or empty
     */
    void register(String nodeName, Optional<String> serverUrl);

    /** Renews this node's registration; returns false when the store could not be reached. */
    boolean heartbeat();

    boolean isAlive(String nodeName);

    void deregister();
}
