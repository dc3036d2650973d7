package org.opencobrowse.realtime;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.opencobrowse.cluster.Broker;
import org.opencobrowse.cluster.Delivery;

/** This node's view of one session: its open connections here and the broker subscriptions. Guarded by its monitor. */
final class LiveSession {
    final String token;
    /** The token shortened for logs ({@link org.opencobrowse.session.Tokens#redacted}): one per session. */
    final String logToken;
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
    /** When a participant here last sent or got a frame (UTC ms, 0 = not yet), for inactivity timeouts. */
    volatile long lastActivity;
    /** Takes the session's deliveries from other nodes: one for both subscriptions. */
    private final Consumer<Delivery> receiver;

    /** Customer DOM frames waiting for the store; guarded by its own monitor. */
    final DomQueue domQueue;

    LiveSession(String token, long maxPendingDomChars, Consumer<Delivery> receiver) {
        this.token = token;
        this.logToken = org.opencobrowse.session.Tokens.redacted(token);
        this.domQueue = new DomQueue(maxPendingDomChars);
        this.receiver = receiver;
    }

    /**
     * Subscribes this node to the session's deliveries once, and to its DOM frames once {@code withDom} (an agent
     * attaches here). Broker calls may wait for Redis, so they run outside the monitor; a second caller waits until the
     * first one's subscriptions are in place, so that neither misses a delivery.
     */
    void subscribe(Broker broker, String nodeName, boolean withDom) {
        boolean session;
        boolean dom;
        synchronized (this) {
            while (subscribing) {
                try {
                    wait(); // releases the monitor: deliveries to the session go on meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            session = subscription == null;
            dom = withDom && domSubscription == null;
            if (ended || !(session || dom)) {
                return;
            }
            subscribing = true;
        }
        Broker.Subscription toSession = null;
        Broker.Subscription toDom = null;
        try {
            if (session) {
                toSession = broker.subscribe(token, nodeName, receiver);
            }
            if (dom) {
                toDom = broker.subscribeDom(token, nodeName, receiver);
            }
        } finally {
            synchronized (this) {
                subscribing = false;
                if (toSession != null) {
                    subscription = toSession;
                }
                if (toDom != null) {
                    domSubscription = toDom;
                }
                if (ended) {
                    unsubscribe();
                }
                notifyAll();
            }
        }
    }

    /** Ends this node's subscriptions to the session (it ended). */
    synchronized void unsubscribe() {
        if (subscription != null) {
            subscription.close();
        }
        if (domSubscription != null) {
            domSubscription.close();
        }
    }
}
