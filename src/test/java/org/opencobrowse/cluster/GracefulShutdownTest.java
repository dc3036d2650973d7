package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.NodeProcess;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.UnresponsiveClient;
import org.opencobrowse.testing.WsClient;

/**
 * SIGTERM stops a node gracefully: health turns 503, no new sessions or sockets, clients are closed with 4100 and
 * resume on another node, and the node exits within {@code shutdown.timeout} even if a client never answers.
 */
class GracefulShutdownTest {
    private static final String FAST = "--cluster.heartbeatInterval=200ms";
    private static final String TIMEOUT = "--cluster.nodeTimeout=1s";
    private static final String SNAPSHOT = "{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{\"v\":%d}}]}";

    private static JsonNode awaitSnapshot(WsClient ws, int version) {
        return ws.await(f -> f.path("type").asText().equals("dom") && f.path("snapshot").asBoolean()
                && f.path("events").get(0).path("data").path("v").asInt() == version);
    }

    private static Joined join(URI ws, String token, int role, String name, String secret) {
        WsClient socket = WsClient.connect(ws);
        JsonNode joined = socket.request("join", "sessionToken", token, "role", role, "name", name,
                "secret", secret);
        assertThat(joined.path("type").asText()).as(joined.toString()).isEqualTo("join.ok");
        return new Joined(socket, token, joined.path("userToken").asText(), joined);
    }

    private static int post(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void onSigtermTheNodeDrainsAndItsClientsResumeOnAnotherNode() throws Exception {
        try (RedisServer redis = RedisServer.start();
             NodeProcess a = NodeProcess.start("--redis.uri=" + redis.uri(), "--node.name=Node_A", FAST, TIMEOUT,
                     "--shutdown.timeout=3s");
             TestNode b = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_B", FAST, TIMEOUT)) {
            WsClient creator = WsClient.connect(a.wsUri());
            JsonNode created = creator.request("create");
            String token = created.path("sessionToken").asText();
            Joined customer = join(a.wsUri(), token, 1, "Carla", created.path("customerSecret").asText());
            Joined ann = join(a.wsUri(), token, 2, "Ann", null);
            Joined bob = join(b.wsUri(), token, 2, "Bob", null);
            customer.ws().send(String.format(SNAPSHOT, 1));
            awaitSnapshot(bob.ws(), 1);
            UnresponsiveClient unresponsive = UnresponsiveClient.connect(a.wsUri());

            long terminatedAt = System.nanoTime();
            a.terminate();
            assertThat(customer.ws().awaitClose()).as("customer told to reconnect").isEqualTo(4100);
            assertThat(ann.ws().awaitClose()).as("agent told to reconnect").isEqualTo(4100);
            assertThat(creator.awaitClose()).as("a socket that never joined").isEqualTo(4100);
            a.awaitHealth(503, Duration.ofSeconds(2)); // while it waits for the unresponsive client
            assertThat(post(a.uri("/rest/live/sessions"))).as("no new sessions while draining").isEqualTo(503);
            assertThatThrownBy(() -> UnresponsiveClient.connect(a.wsUri())).as("no new sockets while draining")
                    .hasMessageContaining("HTTP/1.1 503");

            WsClient customerAgain = WsClient.connect(b.wsUri());
            assertThat(customerAgain.request("resume", "userToken", customer.userToken()).path("type").asText())
                    .isEqualTo("resume.ok");
            customerAgain.send(String.format(SNAPSHOT, 2)); // the script re-snapshots after every resume
            WsClient annAgain = WsClient.connect(b.wsUri());
            assertThat(annAgain.request("resume", "userToken", ann.userToken()).path("users")).hasSize(3);
            // Ann may first get snapshot 1 from the buffer, if she resumes before snapshot 2 is numbered.
            long snapshotSeq = awaitSnapshot(annAgain, 2).path("seq").asLong();
            awaitSnapshot(bob.ws(), 2);
            long resumedMillis = Duration.ofNanos(System.nanoTime() - terminatedAt).toMillis();

            assertThat(a.awaitExit(Duration.ofSeconds(10))).as("exit status after SIGTERM").isEqualTo(143);
            long exitedMillis = Duration.ofNanos(System.nanoTime() - terminatedAt).toMillis();
            assertThat(exitedMillis).as("stops within shutdown.timeout (3 s) and JVM exit").isBetween(2900L, 6000L);
            assertThat(a.log()).contains("Draining: ").contains("1 clients had not closed");
            System.out.printf("SIGTERM: clients resumed on the other node after %d ms; node exited after %d ms%n",
                    resumedMillis, exitedMillis);

            assertThat(b.get("/rest/live/sessions/" + token, "Origin", "http://localhost:" + b.port()).body())
                    .contains("\"sessionServerName\":\"Node_B\"");
            customerAgain.send("{\"type\":\"dom\",\"events\":[{\"type\":3,\"data\":{\"n\":9}}]}");
            JsonNode next = annAgain.await(f -> f.path("type").asText().equals("dom")
                    && f.path("seq").asLong() > snapshotSeq);
            assertThat(next.path("events").get(0).path("data").path("n").asInt()).isEqualTo(9);
            unresponsive.close();
            customerAgain.close();
            annAgain.close();
            bob.close();
        }
    }

    @Test
    void closeWaitsForClientsOnlyUntilTheShutdownTimeout() throws Exception {
        TestNode node = TestNode.start("--shutdown.timeout=1s");
        Joined customer = SessionFixture.customer(node);
        UnresponsiveClient unresponsive = UnresponsiveClient.connect(node.wsUri());
        try {
            long started = System.nanoTime();
            node.close();
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(customer.ws().awaitClose()).isEqualTo(4100);
            assertThat(tookMillis).isBetween(1000L, 3000L);
        } finally {
            unresponsive.close();
        }
    }

    @Test
    void closeIsQuickWhenEveryClientLeaves() throws Exception {
        TestNode node = TestNode.start("--shutdown.timeout=10s");
        Joined customer = SessionFixture.customer(node);
        Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Ann");
        long started = System.nanoTime();
        node.close();
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(customer.ws().awaitClose()).isEqualTo(4100);
        assertThat(agent.ws().awaitClose()).isEqualTo(4100);
        assertThat(tookMillis).as("no waiting beyond the clients' goodbyes").isLessThan(1000);
        System.out.printf("Graceful close with 2 clients took %d ms%n", tookMillis);
    }
}
