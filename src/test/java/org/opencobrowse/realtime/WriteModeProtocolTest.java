package org.opencobrowse.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;

/** The server's side of pointer and write mode: relays, consent, one holder, whitelisted commands. */
class WriteModeProtocolTest {
    private TestNode node;
    private Joined customer;
    private Joined bob;
    private Joined sue;

    @BeforeEach
    void start() {
        node = TestNode.start();
        customer = SessionFixture.customer(node);
        bob = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
        sue = SessionFixture.agent(node, customer.sessionToken(), 2, "Sue");
    }

    @AfterEach
    void stop() {
        customer.close();
        bob.close();
        sue.close();
        node.close();
    }

    private String userId(Joined joined) {
        return joined.reply().path("userId").asText();
    }

    private void grantTo(Joined agent) {
        assertThat(agent.ws().request("control.request").path("type").asText()).isEqualTo("control.request.ok");
        JsonNode requested = customer.ws().await("control.requested");
        assertThat(requested.path("userId").asText()).isEqualTo(userId(agent));
        assertThat(customer.ws().request("control.grant", "userId", userId(agent)).path("type").asText())
                .isEqualTo("control.grant.ok");
    }

    @Test
    void pointersReachEveryoneElseLabelledWithTheSendersName() {
        bob.ws().send("{\"type\":\"pointer\",\"node\":12,\"x\":3.5,\"y\":7,\"kind\":\"click\",\"evil\":\"<script>\"}");
        for (Joined other : new Joined[] {customer, sue}) {
            JsonNode pointer = other.ws().await("pointer");
            assertThat(pointer.path("name").asText()).isEqualTo("Bob");
            assertThat(pointer.path("node").asInt()).isEqualTo(12);
            assertThat(pointer.path("x").asDouble()).isEqualTo(3.5);
            assertThat(pointer.path("kind").asText()).isEqualTo("click");
            assertThat(pointer.has("evil")).isFalse();
        }
        assertThat(bob.ws().request("pointer", "node", -1, "x", 0, "y", 0, "kind", "move").path("error").asText())
                .isEqualTo("bad_request");
        assertThat(bob.ws().request("pointer", "node", 1, "x", "1", "y", 0, "kind", "move").path("error").asText())
                .isEqualTo("bad_request");
    }

    @Test
    void grantedAgentsCommandsReachTheCustomerWithOnlyTheirKnownFields() {
        grantTo(bob);
        for (Joined p : new Joined[] {customer, bob, sue}) {
            JsonNode mode = p.ws().await("mode");
            assertThat(mode.path("mode").asText()).isEqualTo("write");
            assertThat(mode.path("userId").asText()).isEqualTo(userId(bob));
            assertThat(mode.path("name").asText()).isEqualTo("Bob");
        }
        bob.ws().send("{\"type\":\"command\",\"action\":\"input\",\"node\":42,\"value\":\"hello\",\"cid\":7,"
                + "\"onclick\":\"alert(1)\"}");
        JsonNode command = customer.ws().await("command");
        assertThat(command.path("action").asText()).isEqualTo("input");
        assertThat(command.path("node").asInt()).isEqualTo(42);
        assertThat(command.path("value").asText()).isEqualTo("hello");
        assertThat(command.path("cid").asLong()).isEqualTo(7);
        assertThat(command.path("userId").asText()).isEqualTo(userId(bob));
        assertThat(command.has("onclick")).isFalse();
        assertThat(sue.ws().unread()).noneMatch(f -> f.path("type").asText().equals("command"));
    }

    @Test
    void onlyTheAgentInControlMayCommandAndOnlyKnownActionsPass() {
        assertThat(bob.ws().request("command", "action", "click", "node", 1).path("error").asText())
                .as("no control granted yet").isEqualTo("not_in_control");
        grantTo(bob);
        assertThat(sue.ws().request("command", "action", "click", "node", 1).path("error").asText())
                .isEqualTo("not_in_control");
        assertThat(bob.ws().request("command", "action", "eval", "node", 1).path("error").asText())
                .isEqualTo("bad_request");
        assertThat(bob.ws().request("command", "action", "history", "direction", "sideways").path("error").asText())
                .isEqualTo("bad_request");
        assertThat(sue.ws().request("control.request").path("error").asText()).isEqualTo("control_held");
        assertThat(customer.ws().request("command", "action", "click", "node", 1).path("error").asText())
                .isEqualTo("forbidden");
        customer.ws().request("ping");
        assertThat(customer.ws().unread()).noneMatch(f -> f.path("type").asText().equals("command"));
    }

    @Test
    void customerRevokesAndCommandsStop() {
        grantTo(bob);
        assertThat(customer.ws().request("control.revoke").path("type").asText()).isEqualTo("control.revoke.ok");
        JsonNode mode = bob.ws().await(f -> f.path("type").asText().equals("mode")
                && f.path("mode").asText().equals("pointer"));
        assertThat(mode.path("reason").asText()).isEqualTo("revoked");
        assertThat(bob.ws().request("command", "action", "click", "node", 1).path("error").asText())
                .isEqualTo("not_in_control");
    }

    @Test
    void denyIsToldToTheAgentsAndAgentsCannotGrantThemselves() {
        bob.ws().request("control.request");
        customer.ws().await("control.requested");
        assertThat(bob.ws().request("control.grant", "userId", userId(bob)).path("error").asText())
                .isEqualTo("forbidden");
        customer.ws().request("control.deny", "userId", userId(bob));
        assertThat(bob.ws().await("control.denied").path("userId").asText()).isEqualTo(userId(bob));
        assertThat(bob.ws().request("command", "action", "click", "node", 1).path("error").asText())
                .isEqualTo("not_in_control");
    }

    @Test
    void holderLeavingReturnsToPointerModeAndReleaseToo() {
        grantTo(bob);
        bob.ws().request("exit");
        JsonNode mode = customer.ws().await(f -> f.path("type").asText().equals("mode")
                && f.path("mode").asText().equals("pointer"));
        assertThat(mode.path("reason").asText()).isEqualTo("left");

        grantTo(sue);
        sue.ws().request("control.release");
        assertThat(customer.ws().await(f -> f.path("type").asText().equals("mode")
                && f.path("reason").asText().equals("released")).path("mode").asText()).isEqualTo("pointer");
    }

    @Test
    void customersRejectionReachesTheCommandingAgent() {
        grantTo(bob);
        customer.ws().send(WsJson.of(Map.of("type", "command.rejected", "userId", userId(bob), "action", "input",
                "reason", "masked", "cid", 3)));
        JsonNode rejected = bob.ws().await("command.rejected");
        assertThat(rejected.path("reason").asText()).isEqualTo("masked");
        assertThat(rejected.path("cid").asInt()).isEqualTo(3);
        sue.ws().request("ping");
        assertThat(sue.ws().unread()).noneMatch(f -> f.path("type").asText().equals("command.rejected"));
    }

    /** Tiny JSON writer for test frames. */
    static final class WsJson {
        static String of(Map<String, Object> fields) {
            return org.opencobrowse.testing.WsClient.JSON.valueToTree(fields).toString();
        }
    }
}
