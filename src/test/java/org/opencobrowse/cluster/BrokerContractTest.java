package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencobrowse.cluster.Delivery.Target;
import org.opencobrowse.testing.SharedRedis;

/** What every {@link Broker} must do, run in-memory and on Redis with two "nodes" (two brokers or one shared). */
class BrokerContractTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Two brokers as two nodes would hold them: separate Redis connections, or one in-process broker. */
    private Broker[] brokers(String kind) {
        if (kind.equals("in-memory")) {
            InMemoryBroker shared = new InMemoryBroker();
            open.add(shared);
            return new Broker[] {shared, shared};
        }
        Broker[] pair = new Broker[2];
        for (int i = 0; i < 2; i++) {
            RedisConnector redis = SharedRedis.connect();
            pair[i] = new RedisBroker(redis);
            open.add(pair[i]);
            open.add(redis);
        }
        return pair;
    }

    /** Both topics of a session into one list, as a node with agents of the session subscribes. */
    private static void subscribeBoth(Broker broker, String token, String node, List<Delivery> into) {
        broker.subscribe(token, node, into::add);
        broker.subscribeDom(token, node, into::add);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void otherNodesReceiveInOrderAndNobodyGetsItsOwnEcho(String kind) throws Exception {
        Broker[] b = brokers(kind);
        List<Delivery> atA = new CopyOnWriteArrayList<>();
        List<Delivery> atB = new CopyOnWriteArrayList<>();
        subscribeBoth(b[0], "123456789", "A", atA);
        subscribeBoth(b[1], "123456789", "B", atB);

        for (int i = 0; i < 300; i++) {
            b[0].publish("123456789", new Delivery("A", Target.DOM, i + ":s", "{\"n\":" + i + "}\nline2"));
        }
        b[1].publish("123456789", new Delivery("B", Target.USER, "u1", "from B"));
        awaitSize(atB, 300);
        awaitSize(atA, 1);
        Thread.sleep(100);

        assertThat(atB).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(atB.get(i)).isEqualTo(new Delivery("A", Target.DOM, i + ":s", "{\"n\":" + i + "}\nline2"));
        }
        assertThat(atA).containsExactly(new Delivery("B", Target.USER, "u1", "from B"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void sessionsAreIsolatedAndUnsubscribedNodesGetNothing(String kind) throws Exception {
        Broker[] b = brokers(kind);
        List<Delivery> other = new CopyOnWriteArrayList<>();
        List<Delivery> gone = new CopyOnWriteArrayList<>();
        b[1].subscribe("222222222", "B", other::add);
        Broker.Subscription subscription = b[1].subscribe("111111111", "B", gone::add);
        subscription.close();

        b[0].publish("111111111", new Delivery("A", Target.ALL, "", "x"));
        b[0].publish("222222222", new Delivery("A", Target.ALL, "", "y"));
        awaitSize(other, 1);
        Thread.sleep(100);
        assertThat(other).extracting(Delivery::frame).containsExactly("y");
        assertThat(gone).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void aBatchArrivesWholeAndInOrderBetweenSingleDeliveries(String kind) throws Exception {
        Broker[] b = brokers(kind);
        List<Delivery> atA = new CopyOnWriteArrayList<>();
        List<Delivery> atB = new CopyOnWriteArrayList<>();
        subscribeBoth(b[0], "123456789", "A", atA);
        subscribeBoth(b[1], "123456789", "B", atB);

        List<Delivery> sent = new ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            List<Delivery> deliveries = new ArrayList<>();
            for (int i = 0; i < batch % 5; i++) {
                // frames with newlines, tabs, digits and non-ASCII text: the batch framing must not care
                deliveries.add(new Delivery("A", Target.DOM, sent.size() + deliveries.size() + 1 + "",
                        "{\"n\":\"" + batch + "\t" + i + "\n12\né😀\"}"));
            }
            b[0].publishAll("123456789", deliveries);
            sent.addAll(deliveries);
            Delivery single = new Delivery("A", Target.ALL, "", "after batch " + batch);
            b[0].publish("123456789", single);
            sent.add(single);
        }
        awaitSize(atB, sent.size());
        Thread.sleep(100);
        assertThat(atB).containsExactlyElementsOf(sent);
        assertThat(atA).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void domDeliveriesReachOnlyDomSubscribersAndOthersOnlySessionSubscribers(String kind) throws Exception {
        Broker[] b = brokers(kind);
        List<Delivery> session = new CopyOnWriteArrayList<>();
        List<Delivery> dom = new CopyOnWriteArrayList<>();
        b[1].subscribe("333333333", "B", session::add);
        b[1].subscribeDom("333333333", "B", dom::add);

        Delivery frame = new Delivery("A", Target.DOM, "1:s", "{}");
        Delivery note = new Delivery("A", Target.ALL, "", "note");
        b[0].publish("333333333", frame);
        b[0].publishAll("333333333", List.of(new Delivery("A", Target.DOM, "2", "a"), new Delivery("A", Target.DOM,
                "3", "b")));
        b[0].publish("333333333", note);
        awaitSize(dom, 3);
        awaitSize(session, 1);
        Thread.sleep(100);
        assertThat(dom).extracting(Delivery::argument).containsExactly("1:s", "2", "3");
        assertThat(session).containsExactly(note);
    }

    @Test
    void aMalformedBatchDeliversNothing() {
        String batch = Delivery.encodeBatch(List.of(new Delivery("A", Target.ALL, "", "x"),
                new Delivery("A", Target.ALL, "", "y")));
        assertThat(Delivery.decodeAll(batch)).extracting(Delivery::frame).containsExactly("x", "y");
        assertThat(Delivery.originOf(batch)).isEqualTo("A");
        assertThat(Delivery.originOf(new Delivery("Node_B", Target.DOM, "3", "a\tb").encode())).isEqualTo("Node_B");
        assertThat(Delivery.originOf("no tab\nhere\tthen")).isNull();
        assertThat(Delivery.decodeAll(batch.substring(0, batch.length() - 3))).isEmpty();
        assertThat(Delivery.decodeAll(batch.replace(Delivery.BATCH_MARK + "8", Delivery.BATCH_MARK + "9"))).isEmpty();
        assertThat(Delivery.decodeAll(batch.replace(Delivery.BATCH_MARK + "8", Delivery.BATCH_MARK + "99"))).isEmpty();
        assertThat(Delivery.decodeAll(Delivery.BATCH_MARK + "x\n")).isEmpty();
    }
}
