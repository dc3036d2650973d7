package org.opencobrowse.realtime;

import java.util.ArrayList;
import java.util.List;

/** This node's view of one session: its open connections and relay sequence. Guarded by its own monitor. */
final class LiveSession {
    final String token;
    final List<Connection> connections = new ArrayList<>();
    long seq;
    boolean snapshotRequested;
    boolean ended;
    volatile long lastActivity;

    LiveSession(String token, long now) {
        this.token = token;
        this.lastActivity = now;
    }

    Connection customer() {
        for (Connection c : connections) {
            if (!c.attachment().participant().role().isAgentSide()) {
                return c;
            }
        }
        return null;
    }
}
