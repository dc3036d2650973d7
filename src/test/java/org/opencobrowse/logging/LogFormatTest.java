package org.opencobrowse.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.NodeProcess;
import org.opencobrowse.testing.WsClient;

/**
 * The two log formats of a real node process: human-readable lines by default, one JSON object a line with
 * {@code --log.format=json}; both carry the session correlation id and never a secret in full.
 */
class LogFormatTest {

    /** A session with a customer and a controller who stops it; returns the secrets that must not be logged. */
    private static List<String> runSession(NodeProcess node) {
        WsClient customer = WsClient.connect(node.wsUri());
        JsonNode created = customer.request("create");
        String token = created.path("sessionToken").asText();
        JsonNode joined = customer.request("join", "sessionToken", token, "role", 1,
                "secret", created.path("customerSecret").asText());
        WsClient controller = WsClient.connect(node.wsUri());
        JsonNode controllerJoined = controller.request("join", "sessionToken", token, "role", 3, "name", "Carl");
        controller.request("stop");
        customer.awaitClose();
        return List.of(token, created.path("customerSecret").asText(), joined.path("userToken").asText(),
                controllerJoined.path("userToken").asText());
    }

    private static String redacted(String token) {
        return token.substring(0, 3) + "***" + token.substring(6);
    }

    @Test
    void jsonFormatWritesOneObjectALineWithTheAuditFieldsAsFields() throws Exception {
        List<String> secrets;
        String log;
        try (NodeProcess node = NodeProcess.start("--log.format=json")) {
            secrets = runSession(node);
            node.terminate();
            node.awaitExit(Duration.ofSeconds(15));
            log = node.log();
        }
        List<JsonNode> lines = log.lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return WsClient.JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("Not a JSON line: " + l, e);
            }
        }).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                .contains("time", "level", "logger", "thread", "message"));
        List<JsonNode> audit = lines.stream().filter(l -> l.path("logger").asText().equals("audit")).toList();
        assertThat(audit).extracting(l -> l.path("event").asText())
                .containsExactly("created", "joined", "joined", "activated", "stopped", "ended");
        assertThat(audit).allSatisfy(l -> {
            assertThat(l.path("session").asText()).isEqualTo(redacted(secrets.get(0)));
            assertThat(l.path("sessionHistoryId").asText()).hasSize(32);
        });
        assertThat(audit.get(4).path("userId").asText()).isEqualTo("u2");
        assertThat(audit.get(5).path("reason").asText()).isEqualTo("controller_stop");
        assertThat(log).doesNotContain(secrets);
    }

    @Test
    void textFormatIsReadableAndNamesTheSessionShortened() throws Exception {
        List<String> secrets;
        String log;
        try (NodeProcess node = NodeProcess.start()) {
            secrets = runSession(node);
            node.terminate();
            node.awaitExit(Duration.ofSeconds(15));
            log = node.log();
        }
        assertThat(log).contains("audit [session " + redacted(secrets.get(0)) + "] - joined sessionHistoryId=")
                .contains("role=controller name=Carl")
                .contains("Draining: ")
                .doesNotContain(secrets);
        assertThat(log.lines().filter(l -> l.contains("{\"time\""))).isEmpty();
    }
}
