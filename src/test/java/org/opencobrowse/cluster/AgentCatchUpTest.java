package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;

/**
 * An agent whose node missed DOM frames on pub/sub (Redis dropped the node's subscriber connection) catches up from
 * the session's buffer: the frames it missed, then the live ones, in order, none twice. Deliveries run on Redis' own
 * I/O thread, so the buffer is read elsewhere while newer frames wait.
 */
class AgentCatchUpTest {
    private static RedisServer redis;
    private static TestNode a;
    private static TestNode b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        a = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_A");
        b = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_B");
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        redis.close();
    }

    @Test
    void anAgentWhoseNodeMissedFramesGetsThemFromTheBufferInOrder() throws Exception {
        try (Joined customer = SessionFixture.customer(a);
             Joined agent = SessionFixture.agent(b, customer.sessionToken(), 2, "Ann");
             RedisConnector admin = RedisConnector.connect(redis.uri(), false, Duration.ofSeconds(5))) {
            String channel = RedisKeys.domChannel(customer.sessionToken()); // node B alone takes DOM frames
            customer.ws().send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{}}]}");
            customer.ws().send(SessionFixture.domFrame(1, "small"));
            assertThat(agent.ws().await("dom").path("seq").asLong()).isEqualTo(1);
            assertThat(agent.ws().await("dom").path("seq").asLong()).isEqualTo(2);

            // A subscriber whose output buffer passes 1 byte beyond Redis' static 16 KiB buffer is disconnected, and
            // the message is lost for it: frame 2 (40 KB) reaches the buffer but not node B.
            admin.sync().configSet("client-output-buffer-limit", "pubsub 1 1 0");
            customer.ws().send(SessionFixture.domFrame(2, "x".repeat(40_000)));
            Thread.sleep(300);
            admin.sync().configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
            awaitSubscribers(admin, channel, 1); // Lettuce reconnected node B and subscribed again
            assertThat(agent.ws().unread()).noneMatch(f -> f.path("type").asText().equals("dom"));

            for (int n = 3; n <= 6; n++) {
                customer.ws().send(SessionFixture.domFrame(n, "small"));
            }
            List<Long> seqs = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                JsonNode dom = agent.ws().await("dom");
                seqs.add(dom.path("seq").asLong());
                numbers.add(dom.path("events").get(0).path("data").path("n").asInt());
            }
            assertThat(seqs).containsExactly(3L, 4L, 5L, 6L, 7L);
            assertThat(numbers).containsExactly(2, 3, 4, 5, 6);
            Thread.sleep(300);
            assertThat(agent.ws().unread()).noneMatch(f -> f.path("type").asText().equals("dom"));
            assertThat(agent.ws().isOpen()).isTrue();
        }
    }

    private static void awaitSubscribers(RedisConnector admin, String channel, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admin.sync().pubsubNumsub(channel).get(channel) != count) {
            assertThat(System.nanoTime()).as("subscribers of the channel reach " + count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
