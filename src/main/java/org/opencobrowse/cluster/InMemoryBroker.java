package org.opencobrowse.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * {@link Broker} within one process: a single node (which then has nothing to receive) or several nodes sharing it
 * in one JVM. Deliveries are handed over on one dispatch thread, so their order holds and a publisher never runs a
 * receiver's code while holding its own locks.
 */
public final class InMemoryBroker implements Broker {
    /**
     * A node's subscription to one topic of one session; it closes itself, so that a subscription costs one object.
     * Compared by identity: the same node may subscribe twice.
     */
    private static final class Receiver implements Subscription {
        final String nodeName;
        final Consumer<Delivery> consumer;
        private final Map<String, List<Receiver>> topic;
        private final String sessionToken;

        Receiver(String nodeName, Consumer<Delivery> consumer, Map<String, List<Receiver>> topic, String sessionToken) {
            this.nodeName = nodeName;
            this.consumer = consumer;
            this.topic = topic;
            this.sessionToken = sessionToken;
        }

        @Override
        public void close() {
            topic.computeIfPresent(sessionToken, (t, list) -> {
                list.remove(this);
                return list.isEmpty() ? null : list;
            });
        }
    }

    /** By session token: receivers of a session's deliveries other than DOM frames. */
    private final Map<String, List<Receiver>> receivers = new ConcurrentHashMap<>();
    /** By session token: receivers of a session's DOM frames (a separate topic, as on Redis). */
    private final Map<String, List<Receiver>> domReceivers = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cobrowse-broker");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void publish(String sessionToken, Delivery delivery) {
        List<Receiver> list = (delivery.target() == Delivery.Target.DOM ? domReceivers : receivers).get(sessionToken);
        if (list == null) {
            return;
        }
        for (Receiver receiver : list) {
            if (!receiver.nodeName.equals(delivery.originNode())) {
                dispatcher.execute(() -> receiver.consumer.accept(delivery));
            }
        }
    }

    @Override
    public Subscription subscribe(String sessionToken, String nodeName, Consumer<Delivery> consumer) {
        return subscribeTo(receivers, sessionToken, nodeName, consumer);
    }

    @Override
    public Subscription subscribeDom(String sessionToken, String nodeName, Consumer<Delivery> consumer) {
        return subscribeTo(domReceivers, sessionToken, nodeName, consumer);
    }

    private static Subscription subscribeTo(Map<String, List<Receiver>> topic, String sessionToken, String nodeName,
                                            Consumer<Delivery> consumer) {
        Receiver receiver = new Receiver(nodeName, consumer, topic, sessionToken);
        topic.computeIfAbsent(sessionToken, t -> new CopyOnWriteArrayList<>()).add(receiver);
        return receiver;
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }
}
