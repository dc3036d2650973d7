package org.opencobrowse.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencobrowse.config.ConfigException;

/** {@link NodeRegistry} within one process; a name registered twice in it is refused. */
public final class InMemoryNodeRegistry implements NodeRegistry {
    private final Map<String, Object> nodes;
    private final Object instance = new Object();
    private String name;

    /** @param nodes the registry shared by the nodes of one process (a fresh map for a lone node) */
    public InMemoryNodeRegistry(Map<String, Object> nodes) {
        this.nodes = nodes;
    }

    public InMemoryNodeRegistry() {
        this(new ConcurrentHashMap<>());
    }

    @Override
    public void register(String nodeName, Optional<String> serverUrl) {
        if (nodes.putIfAbsent(nodeName, instance) != null) {
            throw new ConfigException("node.name '" + nodeName + "' is already used by a running node; "
                    + "names must be unique in a cluster");
        }
        this.name = nodeName;
    }

    @Override
    public boolean heartbeat() {
        return true;
    }

    @Override
    public boolean isAlive(String nodeName) {
        return nodes.containsKey(nodeName);
    }

    @Override
    public void deregister() {
        if (name != null) {
            nodes.remove(name, instance);
        }
    }
}
