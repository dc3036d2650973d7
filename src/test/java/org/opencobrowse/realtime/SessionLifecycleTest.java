package org.opencobrowse.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** The whole lifecycle over real WebSockets: join, activation, notifications, exit, stop, resume. */
class SessionLifecycleTest {
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void customerThenAgentActivatesTheSessionAndEveryoneIsTold() {
        node = TestNode.start();
        long before = System.currentTimeMillis();
        try (Joined customer = SessionFixture.customer(node)) {
            assertThat(customer.reply().path("state").asText()).isEqualTo("idle");
            assertThat(customer.reply().path("userId").asText()).isEqualTo("u1");
            assertThat(customer.reply().path("role").asInt()).isEqualTo(1);
            assertThat(customer.reply().path("protocol").asInt()).isEqualTo(1);
            assertThat(customer.reply().has("activationTime")).isFalse();
            assertThat(customer.reply().path("domRestrictions").isArray()).isTrue();

            try (Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
                JsonNode joined = customer.ws().await("joined");
                assertThat(joined.path("userId").asText()).isEqualTo("u2");
                assertThat(joined.path("role").asInt()).isEqualTo(2);
                assertThat(joined.path("name").asText()).isEqualTo("Bob");
                assertThat(joined.has("userToken")).as("userTokens are secrets").isFalse();

                long activation = customer.ws().await("activated").path("activationTime").asLong();
                assertThat(activation).isBetween(before, System.currentTimeMillis());
                assertThat(agent.reply().path("state").asText()).isEqualTo("active");
                assertThat(agent.reply().path("activationTime").asLong()).isEqualTo(activation);
                assertThat(agent.reply().path("users")).hasSize(2);
                assertThat(agent.reply().path("users").get(0).path("name").asText()).isEqualTo("Carla");
                assertThat(agent.reply().has("domRestrictions")).as("rules are for the customer").isFalse();
                assertThat(agent.reply().path("sessionHistoryId").asText())
                        .isEqualTo(customer.reply().path("sessionHistoryId").asText());
            }
        }
    }

    @Test
    void controllerStopDeactivatesForEveryoneAndClosesWithSessionEnded() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
             Joined controller = SessionFixture.agent(node, customer.sessionToken(), 3, "Ann")) {
            JsonNode stopped = controller.ws().request("stop", "userToken", controller.userToken());
            assertThat(stopped.path("type").asText()).isEqualTo("stop.ok");

            for (Joined p : new Joined[] {customer, agent, controller}) {
                JsonNode deactivated = p.ws().await("deactivated");
                assertThat(deactivated.path("reason").asText()).isEqualTo("controller_stop");
                assertThat(deactivated.path("activationTime").asLong()).isEqualTo(stopped.path("activationTime").asLong());
                assertThat(deactivated.path("deactivationTime").asLong())
                        .isEqualTo(stopped.path("deactivationTime").asLong());
                assertThat(p.ws().awaitClose()).isEqualTo(CloseCode.SESSION_ENDED.code());
            }
        }
    }

    @Test
    void agentCannotStopAndCannotActForAnotherParticipant() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            assertThat(agent.ws().request("stop").path("error").asText()).isEqualTo("forbidden");
            assertThat(agent.ws().request("exit", "userToken", customer.userToken()).path("error").asText())
                    .isEqualTo("forbidden");
            assertThat(customer.ws().isOpen()).isTrue();
        }
    }

    @Test
    void customerExitEndsTheSession() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            assertThat(customer.ws().request("exit").path("type").asText()).isEqualTo("exit.ok");
            assertThat(customer.ws().awaitClose()).isEqualTo(CloseCode.EXITED.code());
            assertThat(agent.ws().await("left").path("userId").asText()).isEqualTo("u1");
            assertThat(agent.ws().await("deactivated").path("reason").asText()).isEqualTo("customer_exit");
            assertThat(agent.ws().awaitClose()).isEqualTo(4000);

            WsClient late = WsClient.connect(node.wsUri());
            JsonNode refused = late.request("join", "sessionToken", customer.sessionToken(), "role", 2);
            assertThat(refused.path("error").asText()).isEqualTo("session_ended");
            late.close();
        }
    }

    @Test
    void lastAgentLeavingEndsTheSessionButNotWhileAnotherRemains() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined bob = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
             Joined sue = SessionFixture.agent(node, customer.sessionToken(), 2, "Sue")) {
            bob.ws().request("exit");
            assertThat(customer.ws().await("left").path("userId").asText()).isEqualTo("u2");
            sue.ws().request("exit");
            assertThat(customer.ws().await("deactivated").path("reason").asText()).isEqualTo("agents_left");
        }
    }

    @Test
    void customerSeatNeedsTheCreatorsSecretAndIsTakenOnce() throws Exception {
        node = TestNode.start();
        String token = WsClient.JSON.readTree(node.post("/rest/live/sessions").body()).path("sessionToken").asText();
        try (WsClient intruder = WsClient.connect(node.wsUri())) {
            assertThat(intruder.request("join", "sessionToken", token, "role", 1).path("error").asText())
                    .isEqualTo("customer_secret_invalid");
            assertThat(intruder.request("join", "sessionToken", token, "role", 1, "secret", "guess").path("error")
                    .asText()).isEqualTo("customer_secret_invalid");
        }
        try (Joined customer = SessionFixture.customer(node); WsClient second = WsClient.connect(node.wsUri())) {
            String secret = "wrong";
            assertThat(second.request("join", "sessionToken", customer.sessionToken(), "role", 1, "secret", secret)
                    .path("error").asText()).isEqualTo("customer_secret_invalid");
        }
    }

    @Test
    void restCreatedSessionIsJoinedWithTheSecretFromTheResponse() throws Exception {
        node = TestNode.start();
        JsonNode created = WsClient.JSON.readTree(node.post("/rest/live/sessions").body());
        try (WsClient customer = WsClient.connect(node.wsUri()); WsClient second = WsClient.connect(node.wsUri())) {
            Object[] join = {"sessionToken", created.path("sessionToken").asText(), "role", 1,
                    "secret", created.path("customerSecret").asText()};
            assertThat(customer.request("join", join).path("type").asText()).isEqualTo("join.ok");
            assertThat(second.request("join", join).path("error").asText()).isEqualTo("seat_taken");
        }
    }

    @Test
    void joinErrorsAreCatalogued() {
        node = TestNode.start("--session.maxAgents=1");
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
             WsClient other = WsClient.connect(node.wsUri())) {
            assertThat(other.request("join", "sessionToken", "000000000", "role", 2).path("error").asText())
                    .isEqualTo("session_not_found");
            assertThat(other.request("join", "sessionToken", customer.sessionToken(), "role", 7).path("error")
                    .asText()).isEqualTo("bad_request");
            assertThat(other.request("join", "sessionToken", customer.sessionToken(), "role", 2).path("error")
                    .asText()).isEqualTo("too_many_agents");
            assertThat(agent.ws().request("join", "sessionToken", customer.sessionToken(), "role", 2).path("error")
                    .asText()).isEqualTo("already_joined");
            assertThat(other.request("exit").path("error").asText()).isEqualTo("not_joined");
        }
    }

    @Test
    void closedSocketIsNotAnExitAndTheParticipantResumesWithItsUserToken() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            agent.ws().close();
            try (WsClient again = WsClient.connect(node.wsUri())) {
                JsonNode resumed = again.request("resume", "userToken", agent.userToken());
                assertThat(resumed.path("type").asText()).isEqualTo("resume.ok");
                assertThat(resumed.path("userId").asText()).isEqualTo("u2");
                assertThat(resumed.path("state").asText()).isEqualTo("active");
                assertThat(customer.ws().unread()).noneMatch(f -> f.path("type").asText().equals("left"));
            }
        }
    }

    @Test
    void resumingOnASecondSocketReplacesTheFirst() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node); WsClient second = WsClient.connect(node.wsUri())) {
            assertThat(second.request("resume", "userToken", customer.userToken()).path("type").asText())
                    .isEqualTo("resume.ok");
            assertThat(customer.ws().awaitClose()).isEqualTo(CloseCode.REPLACED.code());
            assertThat(second.request("ping").path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void resumeWithAnUnknownTokenFails() {
        node = TestNode.start();
        try (WsClient ws = WsClient.connect(node.wsUri())) {
            assertThat(ws.request("resume", "userToken", "nope").path("error").asText()).isEqualTo("user_not_found");
        }
    }
}
