package org.opencobrowse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.PrometheusText;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.SharedRedis;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** {@code /metrics} in the Prometheus format: the counters move as a session goes by, and the token guards it. */
class MetricsEndpointTest {
    private static final String SNAPSHOT = "{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{}}]}";
    private static final String TOKEN = "s3cr3t-metrics-token-0123456789";

    private static PrometheusText scrape(TestNode node, String... headers) {
        HttpResponse<String> response = node.get("/metrics", headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        return new PrometheusText(response.body());
    }

    @Test
    void countersMoveThroughASessionFromCreationToItsEnd() throws Exception {
        try (TestNode node = TestNode.start()) {
            PrometheusText before = scrape(node);
            assertThat(before.has("jvm_memory_used_bytes")).as("JVM metrics").isTrue();
            assertThat(before.value("cobrowse_session_ends_total", "reason", "controller_stop")).isZero();

            Joined customer = SessionFixture.customer(node);
            Joined controller = SessionFixture.agent(node, customer.sessionToken(), 3, "Carl");
            customer.ws().send(SNAPSHOT);
            controller.ws().await("dom");
            customer.ws().request("no.such.type"); // refused: unknown_type
            node.get("/rest/live/sessions/" + customer.sessionToken()); // refused: no Origin
            node.get("/proxy?s=" + customer.sessionToken() + "&k=guess&u=https://x.example/a.png"); // refused: 404

            PrometheusText during = scrape(node);
            assertThat(during.value("cobrowse_session_creations_total")).isEqualTo(1);
            assertThat(during.value("cobrowse_session_activations_total")).isEqualTo(1);
            assertThat(during.value("cobrowse_sessions", "state", "active")).isEqualTo(1);
            assertThat(during.value("cobrowse_sessions", "state", "idle")).isZero();
            assertThat(during.value("cobrowse_participants", "role", "customer")).isEqualTo(1);
            assertThat(during.value("cobrowse_participants", "role", "controller")).isEqualTo(1);
            assertThat(during.value("cobrowse_participants_joined_total", "role", "controller")).isEqualTo(1);
            assertThat(during.value("cobrowse_websocket_connections")).isEqualTo(2);
            assertThat(during.value("cobrowse_dom_frames_received_total")).isEqualTo(1);
            assertThat(during.value("cobrowse_dom_received_bytes_total"))
                    .isEqualTo("[{\"type\":2,\"data\":{}}]".length());
            assertThat(during.value("cobrowse_frames_sent_total", "kind", "dom")).isEqualTo(1);
            assertThat(during.value("cobrowse_sent_bytes_total", "kind", "dom")).isGreaterThan(20);
            assertThat(during.value("cobrowse_frames_sent_total", "kind", "other")).isGreaterThanOrEqualTo(5);
            assertThat(during.value("cobrowse_join_to_first_frame_seconds_count")).isEqualTo(1);
            assertThat(during.value("cobrowse_join_to_first_frame_seconds_bucket", "le", "10.0")).isEqualTo(1);
            assertThat(during.value("cobrowse_rejected_requests_total", "error", "unknown_type",
                    "channel", "websocket")).isEqualTo(1);
            assertThat(during.value("cobrowse_rejected_requests_total", "error", "origin_not_allowed",
                    "channel", "rest")).isEqualTo(1);
            assertThat(during.value("cobrowse_rejected_requests_total", "error", "not_found", "channel", "rest"))
                    .as("the asset proxy's refusals count too").isEqualTo(1);

            controller.ws().request("stop");
            customer.ws().awaitClose();
            controller.ws().awaitClose();
            PrometheusText after = scrape(node);
            assertThat(after.value("cobrowse_session_ends_total", "reason", "controller_stop")).isEqualTo(1);
            assertThat(after.value("cobrowse_sessions", "state", "active")).isZero();
            long deadline = System.currentTimeMillis() + 5000; // the server counts a socket until the close handshake
            while (scrape(node).value("cobrowse_websocket_connections") > 0) {
                assertThat(System.currentTimeMillis()).as("sockets closed").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(after.value("cobrowse_redis_up")).as("no Redis metrics without redis.uri").isZero();
            assertThat(after.has("cobrowse_redis_up")).isFalse();
        }
    }

    @Test
    void anAgentWhoJoinsBeforeTheFirstSnapshotIsTimedFromItsJoin() throws Exception {
        try (TestNode node = TestNode.start()) {
            Joined customer = SessionFixture.customer(node);
            Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Ann");
            Thread.sleep(300);
            customer.ws().send(SNAPSHOT);
            agent.ws().await("dom");
            PrometheusText metrics = scrape(node);
            assertThat(metrics.value("cobrowse_join_to_first_frame_seconds_sum")).isGreaterThanOrEqualTo(0.3);
            assertThat(metrics.value("cobrowse_join_to_first_frame_seconds_bucket", "le", "0.25")).isZero();
            assertThat(metrics.value("cobrowse_join_to_first_frame_seconds_bucket", "le", "10.0")).isEqualTo(1);
            customer.close();
            agent.close();
        }
    }

    @Test
    void withAMetricsTokenOnlyItsBearerMayScrape() throws Exception {
        try (TestNode node = TestNode.start("--metrics.token=" + TOKEN)) {
            for (String[] headers : new String[][] {{}, {"Authorization", "Bearer wrong-token-of-some-length"},
                    {"Authorization", "Basic " + TOKEN}}) {
                HttpResponse<String> refused = node.get("/metrics", headers);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("Bearer realm="));
                JsonNode error = WsClient.JSON.readTree(refused.body());
                assertThat(error.path("error").asText()).isEqualTo("unauthorized");
                assertThat(refused.body()).doesNotContain(TOKEN);
            }
            PrometheusText metrics = scrape(node, "Authorization", "Bearer " + TOKEN);
            assertThat(metrics.value("cobrowse_rejected_requests_total", "error", "unauthorized", "channel", "rest"))
                    .isEqualTo(3);
        }
    }

    @Test
    void inClusterModeRedisHealthAndLatencyAreReported() throws Exception {
        try (TestNode node = TestNode.start("--redis.uri=" + SharedRedis.server().uri(), "--node.name=Metrics_A",
                "--cluster.heartbeatInterval=100ms", "--cluster.nodeTimeout=1s")) {
            Thread.sleep(400);
            PrometheusText metrics = scrape(node);
            assertThat(metrics.value("cobrowse_redis_up")).isEqualTo(1);
            assertThat(metrics.value("cobrowse_redis_check_seconds_count")).isGreaterThanOrEqualTo(2);
            assertThat(metrics.value("cobrowse_redis_check_seconds_max")).isPositive();
        }
    }
}
