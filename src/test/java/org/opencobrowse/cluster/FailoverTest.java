package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.NodeProcess;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** Nodes die and Redis restarts, and sessions go on (Genesys' die with their node). */
class FailoverTest {
    private static final String FAST = "--cluster.heartbeatInterval=200ms";
    private static final String TIMEOUT = "--cluster.nodeTimeout=1s";
    private static final String SNAPSHOT = "{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{\"v\":%d}}]}";

    private static JsonNode awaitSnapshot(WsClient ws, int version) {
        return ws.await(f -> f.path("type").asText().equals("dom") && f.path("snapshot").asBoolean()
                && f.path("events").get(0).path("data").path("v").asInt() == version);
    }

    private static Joined customerOn(URI ws) {
        WsClient socket = WsClient.connect(ws);
        JsonNode created = socket.request("create");
        JsonNode joined = socket.request("join", "sessionToken", created.path("sessionToken").asText(), "role", 1,
                "secret", created.path("customerSecret").asText());
        return new Joined(socket, created.path("sessionToken").asText(), joined.path("userToken").asText(), joined);
    }

    private static Joined agentOn(URI ws, String token, String name) {
        WsClient socket = WsClient.connect(ws);
        JsonNode joined = socket.request("join", "sessionToken", token, "role", 2, "name", name);
        return new Joined(socket, token, joined.path("userToken").asText(), joined);
    }

    @Test
    void whenANodeIsKilledItsParticipantsResumeOnOtherNodesAndTheSessionGoesOn() throws Exception {
        try (RedisServer redis = RedisServer.start();
             NodeProcess a = NodeProcess.start("--redis.uri=" + redis.uri(), "--node.name=Node_A", FAST, TIMEOUT);
             TestNode b = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_B", FAST, TIMEOUT);
             TestNode c = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_C", FAST, TIMEOUT)) {
            Joined customer = customerOn(a.wsUri());
            Joined agentOnA = agentOn(a.wsUri(), customer.sessionToken(), "Ann");
            Joined agentOnB = agentOn(b.wsUri(), customer.sessionToken(), "Bob");
            customer.ws().send(String.format(SNAPSHOT, 1));
            awaitSnapshot(agentOnB.ws(), 1);

            a.kill();
            customer.ws().awaitClose();
            agentOnA.ws().awaitClose();
            long killedAt = System.nanoTime();

            WsClient customerAgain = WsClient.connect(b.wsUri());
            assertThat(customerAgain.request("resume", "userToken", customer.userToken()).path("type").asText())
                    .isEqualTo("resume.ok");
            customerAgain.send(String.format(SNAPSHOT, 2)); // the script re-snapshots after every resume
            WsClient annAgain = WsClient.connect(c.wsUri());
            JsonNode annResumed = annAgain.request("resume", "userToken", agentOnA.userToken());
            assertThat(annResumed.path("type").asText()).isEqualTo("resume.ok");
            assertThat(annResumed.path("users")).hasSize(3);

            // Ann may first get snapshot 1 from the buffer, if she resumes before snapshot 2 is numbered.
            long snapshotSeq = awaitSnapshot(annAgain, 2).path("seq").asLong();
            awaitSnapshot(agentOnB.ws(), 2);
            long seenAfterMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            assertThat(seenAfterMillis).as("agents see the page again within 5 s").isLessThan(5000);

            assertThat(c.get("/rest/live/sessions/" + customer.sessionToken(), "Origin",
                    "http://localhost:" + c.port()).body()).contains("\"sessionServerName\":\"Node_B\"");
            customerAgain.send("{\"type\":\"dom\",\"events\":[{\"type\":3,\"data\":{\"n\":9}}]}");
            JsonNode next = annAgain.await(f -> f.path("type").asText().equals("dom")
                    && f.path("seq").asLong() > snapshotSeq);
            assertThat(next.path("events").get(0).path("data").path("n").asInt()).isEqualTo(9);

            Thread.sleep(1500); // past A's node timeout: its sweeps are taken over, the session is not ended
            assertThat(agentOnB.ws().unread()).noneMatch(f -> f.path("type").asText().equals("deactivated"));
            customerAgain.close();
            annAgain.close();
            agentOnB.close();
        }
    }

    @Test
    void aNodeReports503WhileRedisIsDownKeepsItsSessionsAndReassertsThemAfterARestart() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestNode node = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_A", FAST, TIMEOUT,
                     "--redis.timeout=500ms")) {
            Joined customer = SessionFixture.customer(node);
            Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
            customer.ws().send(String.format(SNAPSHOT, 1));
            awaitSnapshot(agent.ws(), 1);

            redis.kill();
            awaitHealth(node, 503);
            customer.ws().send("{\"type\":\"dom\",\"events\":[{\"type\":3,\"data\":{\"n\":1}}]}");
            assertThat(agent.ws().await("dom").path("events").get(0).path("data").path("n").asInt())
                    .as("the local session keeps streaming without Redis").isEqualTo(1);

            redis.restart();
            awaitHealth(node, 200);
            assertThat(customer.ws().await("snapshot.request")).isNotNull();
            customer.ws().send(String.format(SNAPSHOT, 2));
            awaitSnapshot(agent.ws(), 2);
            assertThat(node.get("/rest/live/sessions/" + customer.sessionToken(), "Origin",
                    "http://localhost:" + node.port()).statusCode()).as("re-asserted into the new Redis").isEqualTo(200);
            try (Joined late = SessionFixture.agent(node, customer.sessionToken(), 2, "Late")) {
                awaitSnapshot(late.ws(), 2);
            }
            customer.close();
            agent.close();
        }
    }

    private static void awaitHealth(TestNode node, int status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (node.get("/health").statusCode() != status) {
            assertThat(System.currentTimeMillis()).as("health became " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
