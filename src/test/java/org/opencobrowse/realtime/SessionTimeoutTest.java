package org.opencobrowse.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.UnresponsiveClient;
import org.opencobrowse.testing.WsClient;

/** Each timeout ends a session (or a participant) with its own reason, and not before its time. */
class SessionTimeoutTest {

    @Test
    void sessionNoAgentJoinedEndsAfterTheIdleTimeout() {
        try (TestNode node = TestNode.start("--session.idleTimeout=400ms");
             Joined customer = SessionFixture.customer(node)) {
            long start = System.currentTimeMillis();
            JsonNode deactivated = customer.ws().await("deactivated");
            assertThat(deactivated.path("reason").asText()).isEqualTo("idle_timeout");
            assertThat(System.currentTimeMillis() - start).isGreaterThanOrEqualTo(300);
            assertThat(customer.ws().awaitClose()).isEqualTo(4000);
        }
    }

    @Test
    void activeSessionIsNotEndedByTheIdleTimeout() throws Exception {
        try (TestNode node = TestNode.start("--session.idleTimeout=300ms");
             Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            Thread.sleep(700);
            assertThat(agent.ws().request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(customer.ws().unread()).noneMatch(f -> f.path("type").asText().equals("deactivated"));
        }
    }

    @Test
    void sessionWithoutFramesEndsAfterTheInactivityTimeoutButFramesKeepItAlive() throws Exception {
        try (TestNode node = TestNode.start("--session.inactivityTimeout=600ms");
             Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            for (int i = 0; i < 6; i++) {
                Thread.sleep(200);
                customer.ws().request("ping");
            }
            assertThat(agent.ws().unread()).noneMatch(f -> f.path("type").asText().equals("deactivated"));
            assertThat(agent.ws().await("deactivated").path("reason").asText()).isEqualTo("inactivity_timeout");
        }
    }

    @Test
    void sessionEndsAtItsMaximumDuration() {
        try (TestNode node = TestNode.start("--session.maxDuration=500ms");
             Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            assertThat(agent.ws().await("deactivated").path("reason").asText()).isEqualTo("max_duration");
        }
    }

    @Test
    void agentWhoDoesNotResumeWithinTheGraceLeavesWithTimeout() {
        try (TestNode node = TestNode.start("--session.reconnectGrace=300ms");
             Joined customer = SessionFixture.customer(node);
             Joined bob = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
             Joined sue = SessionFixture.agent(node, customer.sessionToken(), 2, "Sue")) {
            bob.ws().close();
            JsonNode left = customer.ws().await("left");
            assertThat(left.path("userId").asText()).isEqualTo("u2");
            assertThat(left.path("reason").asText()).isEqualTo("timeout");
            try (WsClient again = WsClient.connect(node.wsUri())) {
                assertThat(again.request("resume", "userToken", bob.userToken()).path("error").asText())
                        .isEqualTo("user_not_found");
            }
        }
    }

    @Test
    void customerWhoDoesNotComeBackEndsTheSessionAsDisconnected() {
        try (TestNode node = TestNode.start("--session.reconnectGrace=300ms");
             Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            customer.ws().close();
            assertThat(agent.ws().await("deactivated").path("reason").asText()).isEqualTo("disconnected");
        }
    }

    @Test
    void agentWhoseBrowserStopsAnsweringPingsIsClosedAfterTheIdleTimeoutAndLeaves() {
        try (TestNode node = TestNode.start("--realtime.idleTimeout=1s", "--realtime.pingInterval=250ms",
                "--session.reconnectGrace=300ms");
             Joined customer = SessionFixture.customer(node);
             Joined sue = SessionFixture.agent(node, customer.sessionToken(), 2, "Sue");
             UnresponsiveClient bob = UnresponsiveClient.connect(node.wsUri())) {
            long start = System.currentTimeMillis();
            bob.send("{\"type\":\"join\",\"id\":1,\"role\":2,\"name\":\"Bob\",\"sessionToken\":\""
                    + customer.sessionToken() + "\"}");
            customer.ws().await(f -> f.path("type").asText().equals("joined")
                    && f.path("userId").asText().equals("u3"));
            // The node's pings reach Bob's socket (TCP is fine) but nothing comes back: not even a pong.
            JsonNode left = customer.ws().await("left");
            assertThat(left.path("userId").asText()).isEqualTo("u3");
            assertThat(left.path("reason").asText()).isEqualTo("timeout");
            assertThat(System.currentTimeMillis() - start).as("not before the idle timeout and the grace")
                    .isGreaterThanOrEqualTo(1300);
            // Sue's browser answers the pings (and keeps the session active): her socket stays open.
            assertThat(sue.ws().isOpen()).isTrue();
            assertThat(sue.ws().request("ping").path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aLargeFrameArrivingSlowlyKeepsItsSocketOpenThoughNoPingIsAnswered() {
        try (TestNode node = TestNode.start("--realtime.idleTimeout=1s", "--realtime.pingInterval=250ms");
             UnresponsiveClient slow = UnresponsiveClient.connect(node.wsUri())) {
            // 2.4 s for one 2,400-byte frame: longer than the idle timeout, and no pong meanwhile.
            slow.dribble("{\"type\":\"ping\",\"id\":1,\"pad\":\"" + "x".repeat(2360) + "\"}", 100, 100);
            List<Integer> opcodes = slow.opcodesReceived(200);
            assertThat(opcodes).as("pings (9) and the reply (1), no close (8)").contains(9).doesNotContain(8, -1);
            // Once it stops sending, it is closed like any silent peer.
            assertThat(slow.opcodesReceived(3000)).contains(8);
        }
    }

    @Test
    void serverPingsKeepAQuietSocketOpenPastTheIdleTimeout() throws Exception {
        try (TestNode node = TestNode.start("--realtime.idleTimeout=1s", "--realtime.pingInterval=250ms");
             Joined customer = SessionFixture.customer(node)) {
            Thread.sleep(2500);
            assertThat(customer.ws().isOpen()).isTrue();
            assertThat(customer.ws().request("ping").path("type").asText()).isEqualTo("pong");
        }
    }
}
