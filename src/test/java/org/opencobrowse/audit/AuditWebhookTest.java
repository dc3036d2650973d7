package org.opencobrowse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.LogCapture;
import org.opencobrowse.testing.PrometheusText;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WebhookReceiver;
import org.opencobrowse.testing.WebhookReceiver.Delivery;

/**
 * The audit trail: every session event is logged (logger {@code audit}) and posted to a real webhook receiver,
 * signed, in order, across an outage of the receiver, with a bounded queue; no secret ever shows in full.
 */
class AuditWebhookTest {
    private static final String SECRET = "webhook-secret-for-tests-0123";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FAST_RETRIES = "--webhook.retryDelay=100ms";
    private static final String MAX_RETRY = "--webhook.maxRetryDelay=400ms";

    private static TestNode nodeFor(WebhookReceiver receiver, String... more) {
        List<String> flags = new java.util.ArrayList<>(List.of("--webhook.url=" + receiver.url(),
                "--webhook.secret=" + SECRET, FAST_RETRIES, MAX_RETRY));
        flags.addAll(List.of(more));
        return TestNode.start(flags.toArray(String[]::new));
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Delivery> awaitEnded(WebhookReceiver receiver, String historyId) throws Exception {
        return receiver.awaitDelivery(d -> d.json().path("event").asText().equals("ended")
                && d.json().path("sessionHistoryId").asText().equals(historyId), WAIT);
    }

    private static List<String> events(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.json().path("event").asText() + d.json().path("userId").asText(""))
                .toList();
    }

    @Test
    void everySessionEventReachesTheWebhookSignedAndInOrderAndTheLogWithoutSecrets() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             LogCapture logs = LogCapture.start();
             TestNode node = nodeFor(receiver)) {
            Joined customer = SessionFixture.customer(node);
            String token = customer.sessionToken();
            Joined bob = SessionFixture.agent(node, token, 2, "Bob");
            Joined carl = SessionFixture.agent(node, token, 3, "Carl");
            bob.ws().request("control.request");
            customer.ws().await("control.requested");
            customer.ws().request("control.deny", "userId", "u2");
            bob.ws().request("control.request");
            customer.ws().await("control.requested");
            customer.ws().request("control.grant", "userId", "u2");
            customer.ws().send("{\"type\":\"command.rejected\",\"userId\":\"u2\",\"action\":\"input\","
                    + "\"reason\":\"masked\",\"cid\":7}");
            bob.ws().await("command.rejected");
            customer.ws().request("control.revoke");
            bob.ws().request("exit");
            carl.ws().request("stop");
            String historyId = customer.reply().path("sessionHistoryId").asText();
            List<Delivery> deliveries = awaitEnded(receiver, historyId);

            assertThat(events(deliveries)).containsExactly("created", "joinedu1", "joinedu2", "activated",
                    "joinedu3", "control_requestedu2", "control_deniedu2", "control_requestedu2",
                    "control_grantedu2", "masked_element_touchedu2", "control_revokedu2", "leftu2", "stoppedu3",
                    "ended");
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery d = deliveries.get(i);
                assertThat(d.signature()).as("signature of " + d.body()).isEqualTo(hmac(d.body()));
                assertThat(d.json().path("seq").asLong()).isEqualTo(i + 1);
                assertThat(d.json().path("sessionHistoryId").asText()).isEqualTo(historyId);
                assertThat(d.json().path("session").asText())
                        .isEqualTo(token.substring(0, 3) + "***" + token.substring(6));
                assertThat(d.json().path("node").asText()).isEqualTo("Co-browse_Server");
            }
            JsonNode masked = deliveries.get(9).json();
            assertThat(masked.path("action").asText()).isEqualTo("input");
            assertThat(masked.path("reason").asText()).isEqualTo("masked");
            assertThat(masked.path("role").asText()).isEqualTo("agent");
            assertThat(deliveries.get(13).json().path("reason").asText()).isEqualTo("controller_stop");

            List<String> secrets = List.of(token, customer.userToken(), bob.userToken(), carl.userToken(),
                    customer.reply().path("userToken").asText());
            for (Delivery d : deliveries) {
                assertThat(d.body()).doesNotContain(secrets);
            }
            List<ILoggingEvent> lines = logs.events();
            assertThat(lines.stream().filter(e -> e.getLoggerName().equals("audit")).count()).isEqualTo(14);
            for (ILoggingEvent line : lines) {
                assertThat(LogCapture.textOf(line)).doesNotContain(secrets);
            }
            ILoggingEvent joined = lines.stream().filter(e -> e.getLoggerName().equals("audit")
                    && e.getFormattedMessage().startsWith("joined")).findFirst().orElseThrow();
            assertThat(joined.getMDCPropertyMap()).containsEntry("session", token.substring(0, 3) + "***"
                    + token.substring(6));
            assertThat(joined.getKeyValuePairs()).anySatisfy(p -> assertThat(Map.entry(p.key, p.value))
                    .isEqualTo(Map.entry("event", "joined")));
        }
    }

    @Test
    void eventsQueuedWhileTheReceiverIsDownArriveInOrderWhenItComesBack() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             TestNode node = nodeFor(receiver)) {
            Joined first = SessionFixture.customer(node);
            awaitMetric(node, "cobrowse_webhook_delivered_total", 2); // acknowledged, not only received
            receiver.down();

            Joined customer = SessionFixture.customer(node);
            Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Ann");
            customer.ws().request("exit");
            agent.ws().awaitClose();
            awaitMetric(node, "cobrowse_webhook_failed_attempts_total", 3);
            assertThat(metrics(node).value("cobrowse_webhook_queue")).isEqualTo(6);
            receiver.up();

            List<Delivery> deliveries = awaitEnded(receiver, customer.reply().path("sessionHistoryId").asText());
            assertThat(events(deliveries)).containsExactly("created", "joinedu1", "created", "joinedu1", "joinedu2",
                    "activated", "leftu1", "ended");
            assertThat(deliveries).extracting(d -> d.json().path("seq").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            for (Delivery d : deliveries) {
                assertThat(d.signature()).isEqualTo(hmac(d.body()));
            }
            // The receiver has the last event before the node has its acknowledgement (and counts it).
            awaitMetric(node, "cobrowse_webhook_delivered_total", 8);
            PrometheusText after = metrics(node);
            assertThat(after.value("cobrowse_webhook_delivered_total")).isEqualTo(8);
            assertThat(after.value("cobrowse_webhook_dropped_total", "reason", "queue_full")).isZero();
            first.close();
        }
    }

    @Test
    void whenTheQueueIsFullTheOldestEventsAreDroppedAndCounted() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.down();
            try (TestNode node = nodeFor(receiver, "--webhook.queueSize=3")) {
                Joined customer = SessionFixture.customer(node); // created, joined
                Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Ann"); // joined, activated
                customer.ws().request("exit"); // left, ended
                agent.ws().awaitClose();
                assertThat(metrics(node).value("cobrowse_webhook_dropped_total", "reason", "queue_full")).isEqualTo(3);
                receiver.up();

                List<Delivery> deliveries = awaitEnded(receiver, customer.reply().path("sessionHistoryId").asText());
                assertThat(events(deliveries)).containsExactly("activated", "leftu1", "ended");
                assertThat(deliveries).extracting(d -> d.json().path("seq").asLong()).containsExactly(4L, 5L, 6L);
            }
        }
    }

    private static void awaitMetric(TestNode node, String name, double atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (metrics(node).value(name) < atLeast) {
            assertThat(System.currentTimeMillis()).as(name + " reaches " + atLeast).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static PrometheusText metrics(TestNode node) {
        return new PrometheusText(node.get("/metrics").body());
    }
}
