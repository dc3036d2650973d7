package org.opencobrowse.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** The server side of the live view: relay to every agent, byte-for-byte events, late join from the buffer. */
class DomRelayTest {
    private static final String SNAPSHOT = "[{\"type\":4,\"data\":{\"href\":\"https://shop.example.com/\",\"width\":1280,"
            + "\"height\":720},\"timestamp\":1},{\"type\":2,\"data\":{\"node\":{\"id\":1,\"type\":0,\"childNodes\":[]},"
            + "\"initialOffset\":{\"top\":0,\"left\":0}},\"timestamp\":2}]";
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String incremental(int n) {
        // Odd spacing and key order on purpose: agents must get the customer's bytes, not a re-serialisation.
        return "[{\"type\":3,  \"data\":{\"source\":5,\"text\":\"typed " + n + " \\u00e9\",\"id\":7},\"timestamp\":" + (10 + n) + "}]";
    }

    private static void sendDom(Joined customer, boolean snapshot, String events) {
        customer.ws().send("{\"type\":\"dom\",\"snapshot\":" + snapshot + ",\"events\":" + events + "}");
    }

    @Test
    void eventsReachEveryAgentInOrderAndByteForByte() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined bob = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
             Joined sue = SessionFixture.agent(node, customer.sessionToken(), 3, "Sue")) {
            sendDom(customer, true, SNAPSHOT);
            for (int i = 0; i < 50; i++) {
                sendDom(customer, false, incremental(i));
            }
            for (Joined agent : List.of(bob, sue)) {
                JsonNode first = agent.ws().await("dom");
                assertThat(first.path("snapshot").asBoolean()).isTrue();
                long seq = first.path("seq").asLong();
                for (int i = 0; i < 50; i++) {
                    JsonNode frame = agent.ws().await("dom");
                    assertThat(frame.path("seq").asLong()).isEqualTo(seq + 1 + i);
                }
            }
            customer.ws().request("ping");
            assertThat(customer.ws().unread()).noneMatch(f -> f.path("type").asText().equals("dom"));
        }
    }

    @Test
    void relayedFrameCarriesTheCustomersEventsTextUnchanged() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            sendDom(customer, true, SNAPSHOT);
            sendDom(customer, false, incremental(1));
            agent.ws().await("dom");
            agent.ws().await(f -> f.path("type").asText().equals("dom") && !f.path("snapshot").asBoolean());
            agent.ws().request("ping"); // everything before the pong has arrived
            SessionFixture.Joined late = SessionFixture.agent(node, customer.sessionToken(), 2, "Late");
            late.ws().request("ping");
            List<String> raw = late.ws().unreadRaw();
            assertThat(raw).anySatisfy(text -> assertThat(text).endsWith(",\"events\":" + incremental(1) + "}"));
            assertThat(raw).anySatisfy(text -> assertThat(text).endsWith(",\"events\":" + SNAPSHOT + "}"));
            late.close();
        }
    }

    @Test
    void lateAgentGetsTheLatestSnapshotAndEverythingAfterItWithoutANewSnapshot() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node)) {
            sendDom(customer, true, SNAPSHOT);
            for (int i = 0; i < 5; i++) {
                sendDom(customer, false, incremental(i));
            }
            sendDom(customer, true, SNAPSHOT.replace("shop.example.com/", "shop.example.com/cart")); // a checkout
            for (int i = 5; i < 8; i++) {
                sendDom(customer, false, incremental(i));
            }
            customer.ws().request("ping");
            try (Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Late")) {
                List<JsonNode> frames = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    frames.add(agent.ws().await("dom"));
                }
                assertThat(frames.get(0).path("snapshot").asBoolean()).isTrue();
                assertThat(frames.get(0).path("events").get(0).path("data").path("href").asText()).endsWith("/cart");
                assertThat(frames.subList(1, 4)).allMatch(f -> !f.path("snapshot").asBoolean());
                assertThat(frames.get(3).path("events").get(0).path("data").path("text").asText()).isEqualTo("typed 7 é");
                agent.ws().request("ping");
                assertThat(agent.ws().unread()).noneMatch(f -> f.path("type").asText().equals("dom"));
            }
            customer.ws().request("ping");
            assertThat(customer.ws().unread()).as("no snapshot was requested: the buffer had one")
                    .noneMatch(f -> f.path("type").asText().equals("snapshot.request"));
        }
    }

    @Test
    void serverAsksForASnapshotWhenItHasNoneForAnAgent() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            customer.ws().await("snapshot.request");
            sendDom(customer, true, SNAPSHOT);
            assertThat(agent.ws().await("dom").path("snapshot").asBoolean()).isTrue();
        }
    }

    @Test
    void bufferOverflowIsClearedAndANewSnapshotIsRequested() {
        node = TestNode.start("--session.maxBufferSize=64KiB", "--realtime.maxDomFrameSize=32KiB",
                "--realtime.maxControlFrameSize=4KiB");
        try (Joined customer = SessionFixture.customer(node)) {
            sendDom(customer, true, SNAPSHOT);
            String big = "[{\"type\":3,\"data\":{\"text\":\"" + "x".repeat(10_000) + "\"},\"timestamp\":5}]";
            for (int i = 0; i < 8; i++) {
                sendDom(customer, false, big);
            }
            customer.ws().await("snapshot.request");
            sendDom(customer, true, SNAPSHOT);
            customer.ws().request("ping");
            try (Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Late")) {
                JsonNode first = agent.ws().await("dom");
                assertThat(first.path("snapshot").asBoolean()).isTrue();
                agent.ws().request("ping");
                assertThat(agent.ws().unread()).noneMatch(f -> f.path("type").asText().equals("dom"));
            }
        }
    }

    @Test
    void resumedAgentIsResyncedFromTheBuffer() {
        node = TestNode.start();
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            sendDom(customer, true, SNAPSHOT);
            agent.ws().await("dom");
            agent.ws().close();
            sendDom(customer, false, incremental(1));
            customer.ws().request("ping");
            try (WsClient again = WsClient.connect(node.wsUri())) {
                again.request("resume", "userToken", agent.userToken());
                assertThat(again.await("dom").path("snapshot").asBoolean()).isTrue();
                assertThat(again.await("dom").path("events").get(0).path("data").path("text").asText())
                        .isEqualTo("typed 1 é");
            }
        }
    }
}
