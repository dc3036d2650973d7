package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.opencobrowse.cluster.Delivery.Target;
import org.opencobrowse.store.EventBuffer.Appended;
import org.opencobrowse.store.EventBuffer.Pending;
import org.opencobrowse.store.RedisEventBuffer;
import org.opencobrowse.testing.SharedRedis;

/**
 * A Redis event buffer built for a node publishes what it numbers, in the same script, as one batch of DOM deliveries
 * that other nodes' brokers decode into exactly the frames the node relays itself (lengths counted in characters
 * although Lua counts bytes), and a node does not get its own.
 */
class PublishingEventBufferTest {

    @Test
    void appendedFramesReachOtherNodesAsTheSameDeliveries() throws Exception {
        String token = "pub" + System.nanoTime();
        try (RedisConnector nodeA = SharedRedis.connect();
             RedisConnector nodeB = SharedRedis.connect();
             RedisBroker brokerA = new RedisBroker(nodeA);
             RedisBroker brokerB = new RedisBroker(nodeB)) {
            List<Delivery> atA = new CopyOnWriteArrayList<>();
            List<Delivery> atB = new CopyOnWriteArrayList<>();
            brokerA.subscribeDom(token, "Nöde_A", atA::add);
            brokerB.subscribeDom(token, "Node_B", atB::add);
            RedisEventBuffer buffer = new RedisEventBuffer(nodeA, 1 << 20, Duration.ofMinutes(1), "Nöde_A");
            assertThat(buffer.publishesAppended()).isTrue();

            List<Pending> frames = List.of(
                    new Pending(true, "[{\"type\":2,\"data\":{\"text\":\"é 漢字 😀\"}}]"),
                    new Pending(false, "[{\"type\":3,\"data\":{\"text\":\"ascii\\n\\ttab\"}}]"),
                    new Pending(false, "[{\"type\":3,\"data\":{\"text\":\"" + "ü".repeat(3000) + "\"}}]"));
            List<Appended> appended = buffer.appendAll(token, frames).toCompletableFuture().get();
            List<Appended> second = buffer.appendAll(token, List.of(new Pending(false, "[\"𝄞\"]")))
                    .toCompletableFuture().get();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (atB.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(atB).hasSize(4);
            for (int i = 0; i < 4; i++) {
                Appended expected = i < 3 ? appended.get(i) : second.get(0);
                Delivery got = atB.get(i);
                assertThat(got.originNode()).isEqualTo("Nöde_A");
                assertThat(got.target()).isEqualTo(Target.DOM);
                assertThat(got.domSeq()).isEqualTo(expected.seq());
                assertThat(got.domSnapshot()).isEqualTo(i == 0);
                assertThat(got.frame()).isEqualTo(expected.frame());
            }
            assertThat(atB.stream().map(Delivery::domSeq)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(atA).isEmpty();
        }
    }

    @Test
    void aBufferWithoutANodeDoesNotPublish() throws Exception {
        String token = "nopub" + System.nanoTime();
        try (RedisConnector redis = SharedRedis.connect();
             RedisBroker broker = new RedisBroker(redis)) {
            List<Delivery> received = new CopyOnWriteArrayList<>();
            broker.subscribeDom(token, "Node_B", received::add);
            RedisEventBuffer buffer = new RedisEventBuffer(redis, 1 << 20, Duration.ofMinutes(1));
            assertThat(buffer.publishesAppended()).isFalse();
            buffer.appendAll(token, List.of(new Pending(true, "[]"))).toCompletableFuture().get();
            Thread.sleep(200);
            assertThat(received).isEmpty();
            assertThat(buffer.frames(token)).hasSize(1);
        }
    }
}
