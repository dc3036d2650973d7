package org.opencobrowse.cluster;

import org.opencobrowse.store.EventBuffer;
import org.opencobrowse.store.HistoryStore;
import org.opencobrowse.store.LookupFailures;
import org.opencobrowse.store.SessionStore;

/**
 * The {@link Backend} of a single node (the default): every shared part in this JVM's memory. The parts may also be
 * shared by several nodes of one process. The store is always reachable; {@link #check} only renews the registration.
 */
public record InMemoryBackend(SessionStore sessions, HistoryStore history, EventBuffer events, Broker broker,
                              NodeRegistry registry, LookupFailures lookupFailures) implements Backend {

    @Override
    public boolean check() {
        return registry.heartbeat();
    }

    @Override
    public void close() {
        registry.deregister();
    }
}
