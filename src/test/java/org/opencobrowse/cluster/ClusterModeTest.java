package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.config.ConfigException;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** Three nodes on one Redis: any node answers for any session, and participants on different nodes share it. */
class ClusterModeTest {
    private static RedisServer redis;
    private static TestNode a;
    private static TestNode b;
    private static TestNode c;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        a = node("Node_A", "--cluster.serverUrl=https://node-a.example.com/cobrowse");
        b = node("Node_B");
        c = node("Node_C");
    }

    @AfterAll
    static void stop() {
        c.close();
        b.close();
        a.close();
        redis.close();
    }

    private static TestNode node(String name, String... more) {
        String[] flags = new String[more.length + 2];
        flags[0] = "--redis.uri=" + redis.uri();
        flags[1] = "--node.name=" + name;
        System.arraycopy(more, 0, flags, 2, more.length);
        return TestNode.start(flags);
    }

    private static String origin(TestNode node) {
        return "http://localhost:" + node.port();
    }

    @Test
    void sessionCreatedOnAIsNamedAsAsByEveryNode() throws Exception {
        HttpResponse<String> created = a.post("/rest/live/sessions");
        assertThat(created.headers().firstValue("Set-Cookie")).get().asString().startsWith("gcbSessionServer=Node_A;");
        String token = WsClient.JSON.readTree(created.body()).path("sessionToken").asText();

        for (TestNode node : new TestNode[] {b, c}) {
            HttpResponse<String> found = node.get("/rest/live/sessions/" + token, "Origin", origin(node));
            assertThat(found.body()).isEqualTo("{\"sessionToken\":\"" + token + "\",\"sessionServerName\":\"Node_A\","
                    + "\"sessionServerUrl\":\"https://node-a.example.com/cobrowse\"}");
        }
    }

    @Test
    void customerOnAAndAgentsOnBAndCShareTheSessionBothWays() throws Exception {
        try (Joined customer = SessionFixture.customer(a);
             Joined agent = SessionFixture.agent(b, customer.sessionToken(), 3, "Bob")) {
            assertThat(customer.ws().await("joined").path("name").asText()).isEqualTo("Bob");
            assertThat(customer.ws().await("activated").path("activationTime").asLong()).isPositive();

            customer.ws().send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{}}]}");
            customer.ws().send("{\"type\":\"dom\",\"events\":[{\"type\":3,\"data\":{\"n\":1}}]}");
            assertThat(agent.ws().await("dom").path("snapshot").asBoolean()).isTrue();
            assertThat(agent.ws().await("dom").path("events").get(0).path("data").path("n").asInt()).isEqualTo(1);

            agent.ws().send("{\"type\":\"pointer\",\"node\":5,\"x\":1,\"y\":2,\"kind\":\"click\"}");
            assertThat(customer.ws().await("pointer").path("name").asText()).isEqualTo("Bob");

            try (Joined late = SessionFixture.agent(c, customer.sessionToken(), 2, "Late")) {
                assertThat(late.ws().await("dom").path("snapshot").asBoolean()).isTrue();
                assertThat(late.ws().await("dom").path("seq").asLong()).isEqualTo(2);
                customer.ws().send("{\"type\":\"dom\",\"events\":[{\"type\":3,\"data\":{\"n\":2}}]}");
                assertThat(late.ws().await("dom").path("seq").asLong()).isEqualTo(3);
                assertThat(agent.ws().await("dom").path("seq").asLong()).isEqualTo(3);
            }

            String historyId = customer.reply().path("sessionHistoryId").asText();
            HttpResponse<String> stopped = c.get("/rest/live/users/" + agent.userToken() + "/session/stop");
            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(customer.ws().await("deactivated").path("reason").asText()).isEqualTo("controller_stop");
            assertThat(customer.ws().awaitClose()).isEqualTo(4000);
            HttpResponse<String> history = b.get("/rest/history/sessions/" + historyId, "Origin", origin(b));
            assertThat(WsClient.JSON.readTree(history.body()).path("deactivationTime").asLong())
                    .isEqualTo(WsClient.JSON.readTree(stopped.body()).path("deactivationTime").asLong());
        }
    }

    @Test
    void resumingOnAnotherNodeReplacesTheOldSocketThere() {
        try (Joined customer = SessionFixture.customer(a); WsClient again = WsClient.connect(b.wsUri())) {
            JsonNode resumed = again.request("resume", "userToken", customer.userToken());
            assertThat(resumed.path("type").asText()).isEqualTo("resume.ok");
            assertThat(customer.ws().awaitClose()).isEqualTo(4002);
            HttpResponse<String> found = c.get("/rest/live/sessions/" + customer.sessionToken(), "Origin", origin(c));
            assertThat(found.body()).contains("\"sessionServerName\":\"Node_B\"");
        }
    }

    @Test
    void aDuplicateNodeNameIsRefused() {
        assertThatThrownBy(() -> node("Node_B")).hasRootCauseInstanceOf(ConfigException.class)
                .rootCause().hasMessageContaining("Node_B");
        assertThat(b.get("/health").statusCode()).isEqualTo(200);
    }
}
