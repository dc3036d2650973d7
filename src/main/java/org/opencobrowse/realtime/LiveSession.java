package org.opencobrowse.realtime;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.opencobrowse.cluster.Broker;

/** This node's view of one session: its open connections here and the broker subscription. Guarded by its monitor. */
final class LiveSession {
    final String token;
    /**
     * Copy-on-write: a failed write can close a socket on the delivering thread, which removes it from this list while
     * the delivery still iterates over it; joins and leaves are rare, deliveries are per frame.
     */
    final List<Connection> connections = new CopyOnWriteArrayList<>();
    Broker.Subscription subscription;
    /** To the session's DOM frames: taken when the first agent attaches here (a customer's node does not need them). */
    Broker.Subscription domSubscription;
    /** A thread is subscribing this node to the session; others wait on the monitor until it is done. */
    boolean subscribing;
    boolean snapshotRequested;
    boolean ended;
    /** The highest DOM frame number relayed here, to number frames on locally while the store is unreachable. */
    long lastSeq;

    /** Customer DOM frames waiting for the store; guarded by its own monitor. */
    final DomQueue domQueue;

    LiveSession(String token, long maxPendingDomChars) {
        this.token = token;
        this.domQueue = new DomQueue(maxPendingDomChars);
    }
}
