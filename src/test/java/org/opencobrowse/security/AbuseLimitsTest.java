package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.Pause;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** Every limit answers with its documented status or close code, and other sessions carry on. */
class AbuseLimitsTest {
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private String origin() {
        return "http://localhost:" + node.port();
    }

    @Test
    void guessingSessionCodesLocksTheAddressOutOnRestAndSocket() {
        node = TestNode.start("--limits.failedLookups=3", "--limits.lockout=1m");
        try (Joined customer = SessionFixture.customer(node)) {
            String real = "/rest/live/sessions/" + customer.sessionToken();
            assertThat(node.get(real, "Origin", origin()).statusCode()).isEqualTo(200);
            for (int i = 0; i < 4; i++) { // the fourth failure is over the limit and starts the lockout
                assertThat(node.get("/rest/live/sessions/00000000" + i, "Origin", origin()).statusCode())
                        .isEqualTo(404);
            }
            var refused = node.get(real, "Origin", origin());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("\"error\":\"rate_limited\"");
            try (WsClient ws = WsClient.connect(node.wsUri())) {
                JsonNode reply = ws.request("join", "sessionToken", customer.sessionToken(), "role", 2, "name", "A");
                assertThat(reply.path("error").asText()).isEqualTo("rate_limited");
            }
            // The session itself is untouched: its customer still gets answers.
            assertThat(customer.ws().request("ping").path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void failedJoinsCountLikeFailedLookups() {
        node = TestNode.start("--limits.failedLookups=2");
        try (WsClient ws = WsClient.connect(node.wsUri())) {
            for (int i = 0; i < 3; i++) {
                assertThat(ws.request("join", "sessionToken", "12345678" + i, "role", 2).path("error").asText())
                        .isEqualTo("session_not_found");
            }
            assertThat(ws.request("join", "sessionToken", "123456789", "role", 2).path("error").asText())
                    .isEqualTo("rate_limited");
            assertThat(ws.request("resume", "userToken", "123456789.forged").path("error").asText())
                    .isEqualTo("rate_limited");
        }
    }

    @Test
    void socketsPerAddressAreCapped() {
        node = TestNode.start("--limits.connectionsPerAddress=3");
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(WsClient.connect(node.wsUri()));
                assertThat(open.get(i).request("ping").path("type").asText()).isEqualTo("pong");
            }
            try (WsClient fourth = WsClient.connect(node.wsUri())) {
                assertThat(fourth.awaitClose()).isEqualTo(4009);
            }
            open.remove(0).close();
            // A closed socket frees its place (the close reaches the server asynchronously).
            long deadline = System.currentTimeMillis() + 5000;
            while (true) {
                WsClient again = WsClient.connect(node.wsUri());
                JsonNode pong = again.isOpen() ? tryPing(again) : null;
                if (pong != null) {
                    open.add(again);
                    break;
                }
                again.close();
                assertThat(System.currentTimeMillis()).as("a place was freed in time").isLessThan(deadline);
                Pause.millis(50);
            }
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void aCustomerFloodingFramesIsClosedWhileOtherSessionsKeepStreaming() {
        node = TestNode.start("--limits.eventsPerSecond=5");
        try (Joined flooder = SessionFixture.customer(node); Joined calm = SessionFixture.customer(node);
             Joined calmAgent = SessionFixture.agent(node, calm.sessionToken(), 2, "Ann")) {
            calm.ws().send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":4,\"data\":{}}]}");
            assertThat(calmAgent.ws().await("dom").path("seq").asLong()).isPositive();
            for (int i = 0; i < 40; i++) {
                flooder.ws().send("{\"type\":\"dom\",\"snapshot\":" + (i == 0) + ",\"events\":[{\"type\":3}]}");
            }
            assertThat(flooder.ws().awaitClose()).isEqualTo(4102);
            calm.ws().send("{\"type\":\"dom\",\"snapshot\":false,\"events\":[{\"type\":3,\"n\":1}]}");
            assertThat(calmAgent.ws().await("dom").toString()).contains("\"n\":1");
        }
    }

    private static JsonNode tryPing(WsClient ws) {
        try {
            return ws.request("ping");
        } catch (AssertionError closedMeanwhile) {
            return null;
        }
    }

}
