package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.realtime.CloseCode;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;

/**
 * Customer DOM frames are numbered by Redis without blocking the node: while Redis is slow they wait in a bounded
 * queue and go in one batch; a customer who outruns the cap is closed (4102) and the other sessions lose nothing.
 */
class DomBatchingTest {
    /** The queue cap follows session.maxBufferSize. */
    private static final int CAP = 64 * 1024;
    private static RedisServer redis;
    private static TestNode a;
    private static TestNode b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        a = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_A", "--session.maxBufferSize=64KiB",
                "--realtime.maxDomFrameSize=64KiB");
        b = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_B", "--session.maxBufferSize=64KiB",
                "--realtime.maxDomFrameSize=64KiB");
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        redis.close();
    }

    @Test
    void framesSentWhileRedisIsPausedArriveInOrderAndAFloodingCustomerIsClosed() throws Exception {
        try (Joined flooder = SessionFixture.customer(a);
             Joined flooderAgent = SessionFixture.agent(b, flooder.sessionToken(), 2, "Ann");
             Joined calm = SessionFixture.customer(a);
             Joined calmAgent = SessionFixture.agent(b, calm.sessionToken(), 2, "Bob")) {
            for (Joined customer : List.of(flooder, calm)) {
                customer.ws().send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{}}]}");
            }
            assertThat(flooderAgent.ws().await("dom").path("seq").asLong()).isEqualTo(1);
            assertThat(calmAgent.ws().await("dom").path("seq").asLong()).isEqualTo(1);

            pauseRedisWrites(Duration.ofMillis(1500));
            long pausedAt = System.nanoTime();
            String chunk = "x".repeat(CAP / 8);
            for (int n = 1; n <= 20; n++) {
                flooder.ws().send(SessionFixture.domFrame(n, chunk));
            }
            for (int n = 1; n <= 5; n++) {
                calm.ws().send(SessionFixture.domFrame(n, "calm"));
            }

            assertThat(flooder.ws().awaitClose()).isEqualTo(CloseCode.RATE_LIMITED.code());
            List<Long> flooderSeqs = new ArrayList<>();
            List<Integer> flooderNumbers = new ArrayList<>();
            for (int n = 1; n <= 8; n++) {
                JsonNode dom = flooderAgent.ws().await("dom");
                flooderSeqs.add(dom.path("seq").asLong());
                flooderNumbers.add(dom.path("events").get(0).path("data").path("n").asInt());
            }
            // Redis was paused: nothing could have been relayed before it resumed.
            assertThat(System.nanoTime() - pausedAt).isGreaterThan(Duration.ofMillis(1000).toNanos());
            // What was queued before the cap was reached arrives, numbered on from the snapshot, in order.
            assertThat(flooderSeqs).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(flooderNumbers).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            for (int n = 1; n <= 5; n++) {
                JsonNode dom = calmAgent.ws().await("dom");
                assertThat(dom.path("seq").asLong()).isEqualTo(n + 1);
                assertThat(dom.path("events").get(0).path("data").path("n").asInt()).isEqualTo(n);
            }
            assertThat(calm.ws().isOpen()).isTrue();
        }
    }

    /** CLIENT PAUSE … WRITE: scripts and PUBLISH wait, as on an overloaded Redis. */
    private static void pauseRedisWrites(Duration duration) {
        try (RedisConnector admin = RedisConnector.connect(redis.uri(), false, Duration.ofSeconds(5))) {
            admin.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(duration.toMillis()).add("WRITE"));
        }
    }
}
