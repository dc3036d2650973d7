package org.opencobrowse.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** Bad frames get an error reply or a documented close, never a crash, and never disturb another session. */
class MalformedFramesTest {
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("--realtime.maxDomFrameSize=256KiB", "--realtime.maxControlFrameSize=4KiB",
                "--session.maxBufferSize=1MiB");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String errorFor(WsClient ws, String frame) {
        ws.send(frame);
        JsonNode reply = ws.await("error");
        return reply.path("error").asText();
    }

    @Test
    void malformedJsonAndWrongShapesGetErrorReplies() {
        try (WsClient ws = WsClient.connect(node.wsUri())) {
            assertThat(errorFor(ws, "{not json")).isEqualTo("bad_json");
            assertThat(errorFor(ws, "[1,2,3]")).isEqualTo("bad_request");
            assertThat(errorFor(ws, "\"text\"")).isEqualTo("bad_request");
            assertThat(errorFor(ws, "{}")).isEqualTo("bad_request");
            assertThat(errorFor(ws, "{\"type\":42}")).isEqualTo("bad_request");
            assertThat(errorFor(ws, "{\"type\":\"teleport\"}")).isEqualTo("unknown_type");
            assertThat(errorFor(ws, "{\"type\":\"ping\"} trailing")).isEqualTo("bad_json");
            assertThat(errorFor(ws, "{\"type\":\"join\",\"sessionToken\":123,\"role\":\"2\"}")).isEqualTo("bad_request");
            assertThat(errorFor(ws, "{\"type\":\"ping\",\"n\":" + "9".repeat(5000) + "}")).isEqualTo("bad_json");
            assertThat(errorFor(ws, "{\"type\":\"ping\",\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}"))
                    .isEqualTo("bad_json");
            assertThat(errorFor(ws, "{\"type\":\"dom\",\"events\":[]}")).isEqualTo("not_joined");
            assertThat(ws.request("ping").path("type").asText()).as("the socket still works").isEqualTo("pong");
        }
    }

    @Test
    void requestIdIsEchoedOnErrors() {
        try (WsClient ws = WsClient.connect(node.wsUri())) {
            ws.send("{\"type\":\"teleport\",\"id\":\"abc\"}");
            assertThat(ws.await("error").path("id").asText()).isEqualTo("abc");
        }
    }

    @Test
    void oversizedControlFrameGetsAnErrorAndOversizedFrameClosesWith1009() {
        try (WsClient ws = WsClient.connect(node.wsUri())) {
            assertThat(errorFor(ws, "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(8000) + "\"}"))
                    .isEqualTo("frame_too_large");
            ws.send("{\"type\":\"dom\",\"events\":[\"" + "x".repeat(300_000) + "\"]}");
            assertThat(ws.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void customerDomFramesMustBeWellFormedAndOnlyTheCustomerMaySendThem() {
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob")) {
            assertThat(errorFor(customer.ws(), "{\"type\":\"dom\",\"events\":{}}")).isEqualTo("bad_request");
            assertThat(errorFor(customer.ws(), "{\"type\":\"dom\",\"events\":[{\"a\":]}")).isEqualTo("bad_json");
            assertThat(errorFor(agent.ws(), "{\"type\":\"dom\",\"snapshot\":true,\"events\":[]}")).isEqualTo("forbidden");
            assertThat(errorFor(agent.ws(), "{\"type\":\"page\",\"url\":\"x\"}")).isEqualTo("forbidden");
            assertThat(errorFor(customer.ws(), "{\"type\":\"page\"}")).isEqualTo("bad_request");
            assertThat(agent.ws().unread()).noneMatch(f -> f.path("type").asText().equals("dom"));
        }
    }

    @Test
    void binaryFramesAndStreamsOfGarbageCloseOnlyTheOffendingSocket() throws Exception {
        try (Joined customer = SessionFixture.customer(node);
             Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Bob");
             WsClient attacker = WsClient.connect(node.wsUri())) {
            for (int i = 0; i < ProtocolHandler.MAX_CONSECUTIVE_ERRORS + 5; i++) {
                attacker.send("garbage " + i);
            }
            assertThat(attacker.awaitClose()).isEqualTo(CloseCode.PROTOCOL_ERROR.code());
            try (WsClient binary = WsClient.connect(node.wsUri())) {
                binary.sendBinary(new byte[] {1, 2, 3});
                assertThat(binary.awaitClose()).isEqualTo(CloseCode.PROTOCOL_ERROR.code());
            }

            customer.ws().send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{}}]}");
            assertThat(agent.ws().await("dom").path("seq").asLong()).isPositive();
            assertThat(node.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
