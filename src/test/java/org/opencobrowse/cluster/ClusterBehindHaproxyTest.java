package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/**
 * End to end through the shipped HAProxy example (deploy/haproxy/haproxy.cfg, Debian's haproxy): stickiness on the
 * gcbSessionServer cookie for HTTP and WebSocket, and a drained node's clients resuming on the other node.
 */
class ClusterBehindHaproxyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void haproxyKeepsEachSessionOnItsNodeAndMovesItWhenTheNodeGoes() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestNode a = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_A",
                     "--security.trustForwardedFor=true",
                     "--cluster.heartbeatInterval=200ms", "--cluster.nodeTimeout=1s");
             TestNode b = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_B",
                     "--security.trustForwardedFor=true",
                     "--cluster.heartbeatInterval=200ms", "--cluster.nodeTimeout=1s")) {
            int port = freePort();
            Process haproxy = startHaproxy(port, a.port(), b.port());
            try {
                String base = "http://127.0.0.1:" + port + "/cobrowse";
                awaitOk(base + "/health");

                HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/rest/live/sessions"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
                String host = created.headers().firstValue("X-Cobrowse-Node").orElseThrow();
                String cookie = "gcbSessionServer=" + host;
                assertThat(created.headers().firstValue("Set-Cookie")).get().asString().startsWith(cookie + ";");
                JsonNode session = WsClient.JSON.readTree(created.body());
                String token = session.path("sessionToken").asText();

                Set<String> withCookie = new HashSet<>();
                Set<String> without = new HashSet<>();
                for (int i = 0; i < 8; i++) {
                    withCookie.add(send(HttpRequest.newBuilder(URI.create(base + "/health")).header("Cookie", cookie))
                            .headers().firstValue("X-Cobrowse-Node").orElseThrow());
                    without.add(send(HttpRequest.newBuilder(URI.create(base + "/health")))
                            .headers().firstValue("X-Cobrowse-Node").orElseThrow());
                }
                assertThat(withCookie).containsExactly(host);
                assertThat(without).containsExactlyInAnyOrder("Node_A", "Node_B");

                URI ws = URI.create("ws://127.0.0.1:" + port + "/cobrowse/ws");
                WsClient customer = WsClient.connect(ws, Map.of("Cookie", cookie));
                JsonNode joined = customer.request("join", "sessionToken", token, "role", 1,
                        "secret", session.path("customerSecret").asText());
                assertThat(joined.path("type").asText()).isEqualTo("join.ok");
                WsClient agent = WsClient.connect(ws);
                String agentToken = agent.request("join", "sessionToken", token, "role", 2, "name", "Bob")
                        .path("userToken").asText();
                customer.send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{\"v\":1}}]}");
                assertThat(agent.await("dom").path("seq").asLong()).isEqualTo(1);

                TestNode hostNode = host.equals("Node_A") ? a : b;
                hostNode.node().drain(); // health turns 503 and clients are told to reconnect
                assertThat(customer.awaitClose()).isEqualTo(4100);

                WsClient again = connectWhenRouted(ws, cookie);
                assertThat(again.request("resume", "userToken", joined.path("userToken").asText()).path("type")
                        .asText()).isEqualTo("resume.ok");
                again.send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{\"v\":2}}]}");
                if (agent.isOpen()) {
                    agent.request("ping"); // the agent's socket was on the other node: it stays
                }
                if (!agent.isOpen()) {
                    agent = connectWhenRouted(ws, cookie); // it was on the drained node too: resume elsewhere
                    assertThat(agent.request("resume", "userToken", agentToken).path("type").asText())
                            .isEqualTo("resume.ok");
                }
                JsonNode frame = agent.await(f -> f.path("type").asText().equals("dom")
                        && f.path("events").get(0).path("data").path("v").asInt() == 2);
                assertThat(frame.path("snapshot").asBoolean()).isTrue();
                again.close();
                agent.close();
            } finally {
                haproxy.destroyForcibly().waitFor();
            }
        }
    }

    /** Reconnects through HAProxy until it routes to a healthy node (its checks notice the drain within ~2 s). */
    private static WsClient connectWhenRouted(URI ws, String cookie) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                WsClient client = WsClient.connect(ws, Map.of("Cookie", cookie));
                if (client.request("ping").path("type").asText().equals("pong")) {
                    return client;
                }
            } catch (RuntimeException | AssertionError e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    private static Process startHaproxy(int port, int nodeA, int nodeB) throws Exception {
        Path config = Path.of("deploy/haproxy/haproxy.cfg").toAbsolutePath();
        Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "haproxy-", ".log");
        ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HAPROXY_PORT", String.valueOf(port));
        builder.environment().put("NODE_A_PORT", String.valueOf(nodeA));
        builder.environment().put("NODE_B_PORT", String.valueOf(nodeB));
        return builder.start();
    }

    private static void awaitOk(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (send(HttpRequest.newBuilder(URI.create(url))).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // haproxy not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("HAProxy never answered 200 on " + url);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
