package org.opencobrowse.realtime;

import java.util.ArrayList;
import java.util.List;
import org.opencobrowse.cluster.Broker;

/** This node's view of one session: its open connections here and the broker subscription. Guarded by its monitor. */
final class LiveSession {
    final String token;
    final List<Connection> connections = new ArrayList<>();
    Broker.Subscription subscription;
    boolean snapshotRequested;
    boolean ended;
    /** The highest DOM frame number relayed here, to number frames on locally while the store is unreachable. */
    long lastSeq;

    LiveSession(String token) {
        this.token = token;
    }
}
