package org.opencobrowse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** The seed's REST resources, checked field by field and status by status against a real node. */
class RestApiTest {
    private static final String OWN = "Origin";
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return WsClient.JSON.readTree(response.body());
    }

    @Test
    void createSessionAnswersTheSeedsFieldsFirstAndSetsTheStickinessCookie() throws Exception {
        node = TestNode.start("--node.name=Node_A");
        HttpResponse<String> response = node.post("/rest/live/sessions");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).matches(
                "\\{\"sessionToken\":\"\\d{9}\",\"sessionServerName\":\"Node_A\",\"customerSecret\":\"[A-Za-z0-9_-]{32}\"}");
        assertThat(response.headers().allValues("Set-Cookie"))
                .containsExactly("gcbSessionServer=Node_A; Path=/cobrowse; HttpOnly; SameSite=Lax");
    }

    @Test
    void cookieIsSecureWhenATrustedBalancerSaysTheRequestCameOverHttps() {
        node = TestNode.start("--security.trustForwardedFor=true");
        HttpResponse<String> response = node.post("/rest/live/sessions", "X-Forwarded-Proto", "https");
        assertThat(response.headers().firstValue("Set-Cookie")).get().asString().endsWith("; Secure");
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessTheBalancerIsTrusted() {
        node = TestNode.start();
        HttpResponse<String> response = node.post("/rest/live/sessions", "X-Forwarded-Proto", "https");
        assertThat(response.headers().firstValue("Set-Cookie")).get().asString().doesNotContain("Secure");
    }

    @Test
    void tokensAreNineDigitsAndUnique() throws Exception {
        node = TestNode.start();
        java.util.Set<String> tokens = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = json(node.post("/rest/live/sessions")).path("sessionToken").asText();
            assertThat(token).matches("\\d{9}");
            tokens.add(token);
        }
        assertThat(tokens).hasSize(200);
    }

    @Test
    void getSessionOmitsServerUrlWhenTheOptionIsUnset() throws Exception {
        node = TestNode.start();
        String token = json(node.post("/rest/live/sessions")).path("sessionToken").asText();
        HttpResponse<String> response = node.get("/rest/live/sessions/" + token, OWN, origin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "{\"sessionToken\":\"" + token + "\",\"sessionServerName\":\"Co-browse_Server\"}");
    }

    @Test
    void getSessionReturnsServerUrlWhenTheOptionIsSet() throws Exception {
        node = TestNode.start("--cluster.serverUrl=https://cobrowse-node/cobrowse");
        String token = json(node.post("/rest/live/sessions")).path("sessionToken").asText();
        HttpResponse<String> response = node.get("/rest/live/sessions/" + token, OWN, origin());

        assertThat(response.body()).isEqualTo("{\"sessionToken\":\"" + token
                + "\",\"sessionServerName\":\"Co-browse_Server\",\"sessionServerUrl\":\"https://cobrowse-node/cobrowse\"}");
    }

    @Test
    void unknownSessionIs404WithTheErrorShape() throws Exception {
        node = TestNode.start();
        HttpResponse<String> response = node.get("/rest/live/sessions/000000000", OWN, origin());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("session_not_found");
        assertThat(json(response).path("message").asText()).isNotBlank();
    }

    @Test
    void endedSessionIs404() throws Exception {
        node = TestNode.start();
        try (SessionFixture.Joined customer = SessionFixture.customer(node)) {
            customer.ws().request("exit");
            HttpResponse<String> response = node.get("/rest/live/sessions/" + customer.sessionToken(), OWN, origin());
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void healthIsAnEmpty200WhileReady() {
        node = TestNode.start();
        HttpResponse<String> response = node.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void drainingNodeReports503RefusesNewSessionsAndAsksClientsToReconnect() throws Exception {
        node = TestNode.start();
        try (SessionFixture.Joined customer = SessionFixture.customer(node)) {
            node.node().drain();

            assertThat(node.get("/health").statusCode()).isEqualTo(503);
            HttpResponse<String> create = node.post("/rest/live/sessions");
            assertThat(create.statusCode()).isEqualTo(503);
            assertThat(json(create).path("error").asText()).isEqualTo("unavailable");
            assertThat(customer.ws().awaitClose()).isEqualTo(4100);
        }
    }

    @Test
    void stopByTheControllerEndsTheSessionAndRepeatsTheSameTimes() throws Exception {
        node = TestNode.start();
        try (SessionFixture.Joined customer = SessionFixture.customer(node);
             SessionFixture.Joined controller = SessionFixture.agent(node, customer.sessionToken(), 3, "Ann")) {
            long activation = controller.reply().path("activationTime").asLong();
            HttpResponse<String> first = node.get("/rest/live/users/" + controller.userToken() + "/session/stop");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).matches("\\{\"activationTime\":\\d+,\"deactivationTime\":\\d+}");
            assertThat(json(first).path("activationTime").asLong()).isEqualTo(activation);
            assertThat(json(first).path("deactivationTime").asLong()).isGreaterThanOrEqualTo(activation);
            assertThat(customer.ws().await("deactivated").path("reason").asText()).isEqualTo("controller_stop");

            HttpResponse<String> again = node.get("/rest/live/users/" + controller.userToken() + "/session/stop");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
        }
    }

    @Test
    void stopByCustomerOrAgentIsForbiddenAndUnknownTokenIsNotFound() throws Exception {
        node = TestNode.start();
        try (SessionFixture.Joined customer = SessionFixture.customer(node);
             SessionFixture.Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            HttpResponse<String> byCustomer = node.get("/rest/live/users/" + customer.userToken() + "/session/stop");
            HttpResponse<String> byAgent = node.get("/rest/live/users/" + agent.userToken() + "/session/stop");
            HttpResponse<String> unknown = node.get("/rest/live/users/nobody/session/stop");

            assertThat(byCustomer.statusCode()).isEqualTo(403);
            assertThat(json(byCustomer).path("error").asText()).isEqualTo("forbidden");
            assertThat(byAgent.statusCode()).isEqualTo(403);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).path("error").asText()).isEqualTo("user_not_found");
            assertThat(node.get("/rest/live/sessions/" + customer.sessionToken(), OWN, origin()).statusCode())
                    .as("the session is still live").isEqualTo(200);
        }
    }

    @Test
    void historyRecordsTimesAndPages() throws Exception {
        node = TestNode.start();
        try (SessionFixture.Joined customer = SessionFixture.customer(node)) {
            String historyId = customer.reply().path("sessionHistoryId").asText();
            customer.ws().send("{\"type\":\"page\",\"url\":\"https://shop.example.com/\"}");
            customer.ws().send("{\"type\":\"page\",\"url\":\"https://shop.example.com/cart\"}");
            SessionFixture.Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
            customer.ws().request("exit");
            agent.ws().awaitClose();

            HttpResponse<String> response = node.get("/rest/history/sessions/" + historyId, OWN, origin());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode history = json(response);
            assertThat(history.fieldNames()).toIterable().containsExactly("id", "sessionToken", "creationTime",
                    "activationTime", "deactivationTime", "pages");
            assertThat(history.path("sessionToken").asText()).isEqualTo(customer.sessionToken());
            assertThat(history.path("activationTime").asLong()).isGreaterThanOrEqualTo(history.path("creationTime").asLong());
            assertThat(history.path("deactivationTime").asLong()).isGreaterThanOrEqualTo(history.path("activationTime").asLong());
            assertThat(history.path("pages")).hasSize(2);
            assertThat(history.path("pages").get(0).path("url").asText()).isEqualTo("https://shop.example.com/");
            assertThat(history.path("pages").get(1).path("url").asText()).isEqualTo("https://shop.example.com/cart");
            assertThat(history.path("pages").get(1).fieldNames()).toIterable()
                    .containsExactly("url", "enteredTimestamp", "duration");
        }
    }

    @Test
    void historyIsDroppedAfterItsRetention() throws Exception {
        node = TestNode.start("--session.historyRetention=400ms");
        try (SessionFixture.Joined customer = SessionFixture.customer(node)) {
            String historyId = customer.reply().path("sessionHistoryId").asText();
            assertThat(node.get("/rest/history/sessions/" + historyId, OWN, origin()).statusCode()).isEqualTo(200);
            long deadline = System.currentTimeMillis() + 5000;
            int status = 200;
            while (status == 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                status = node.get("/rest/history/sessions/" + historyId, OWN, origin()).statusCode();
            }
            assertThat(status).isEqualTo(404);
        }
    }

    @Test
    void unknownRoutesAndMethodsGetJsonErrors() throws Exception {
        node = TestNode.start();
        HttpResponse<String> wrongMethod = node.get("/rest/live/sessions");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(json(wrongMethod).path("error").asText()).isEqualTo("method_not_allowed");

        HttpResponse<String> unknown = node.get("/rest/live/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).isEqualTo("not_found");

        HttpResponse<String> outside = node.get("/../../etc/passwd");
        assertThat(outside.statusCode()).isBetween(400, 404);
        assertThat(outside.body()).doesNotContain("root:");
        assertThat(node.request("DELETE", "/rest/live/sessions/123456789").statusCode()).isEqualTo(405);
    }

    private String origin() {
        return "http://localhost:" + node.port();
    }

}
