package org.opencobrowse.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Carries {@link Delivery deliveries} of a session between the nodes that have its participants connected.
 * Implementations: {@link InMemoryBroker} (nodes in one process, e.g. a single node) and {@link RedisBroker} (Redis
 * pub/sub, one channel per session). A node never receives its own deliveries back: it delivered them itself.
 */
public interface Broker extends AutoCloseable {

    /** Sends to every node subscribed to the session. Never blocks on the network for long. */
    void publish(String sessionToken, Delivery delivery);

    /**
     * {@link #publish} of several deliveries of one session, all DOM or all not, in order; Redis sends them in one
     * command.
     */
    default void publishAll(String sessionToken, List<Delivery> deliveries) {
        deliveries.forEach(delivery -> publish(sessionToken, delivery));
    }

    /**
     * Starts receiving the session's deliveries from nodes other than {@code nodeName}; returns once the subscription
     * is in place. Deliveries of one session arrive in the order they were published, possibly on the broker's own
     * I/O thread: the receiver must not block.
     */
    Subscription subscribe(String sessionToken, String nodeName, Consumer<Delivery> receiver);

    /**
     * {@link #subscribe} to the session's {@link Delivery.Target#DOM DOM} deliveries, which {@link #subscribe} does not
     * receive: they are most of the traffic, and only nodes with agents of the session need them (the customer's node
     * would only read its own frames back).
     */
    Subscription subscribeDom(String sessionToken, String nodeName, Consumer<Delivery> receiver);

    /** One node's subscription to one session. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    default void close() {
    }
}
