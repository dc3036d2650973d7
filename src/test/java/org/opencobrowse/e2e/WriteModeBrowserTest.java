package org.opencobrowse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencobrowse.e2e.CobrowseStage.clickInMirror;
import static org.opencobrowse.e2e.CobrowseStage.inMirror;
import static org.opencobrowse.e2e.CobrowseStage.mirroredText;
import static org.opencobrowse.e2e.CobrowseStage.mirrorPoint;
import static org.opencobrowse.e2e.CobrowseStage.mirroredValue;
import static org.opencobrowse.e2e.CobrowseStage.textOf;
import static org.opencobrowse.e2e.CobrowseStage.typeKeys;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.opencobrowse.testing.WsClient;

/**
 * Pointer mode and write mode in real browsers: the agent console points at the customer's page, asks for control,
 * and once the customer allows it, acts on the page; the customer's script refuses what agents may not do.
 */
class WriteModeBrowserTest extends TwoBrowserTest {

    @Test
    void anAgentsClickInPointerModeDrawsACircleOverTheElementAndActsOnNothing() {
        aliceWatches("write.html", "Write mode");
        clickInMirror(agent, "title");
        List<?> box = customer.await(d -> (List<?>) customer.js(
                "var c = document.querySelector('#gcb-pointers .gcb-pointer-click'); if (!c) return null;"
                        + "var r = c.getBoundingClientRect(), t = document.getElementById('title').getBoundingClientRect();"
                        + "return [r.left + r.width / 2, r.top + r.height / 2, t.left, t.right, t.top, t.bottom];"));
        double x = ((Number) box.get(0)).doubleValue();
        double y = ((Number) box.get(1)).doubleValue();
        assertThat(x).isBetween(((Number) box.get(2)).doubleValue() - 3, ((Number) box.get(3)).doubleValue() + 3);
        assertThat(y).isBetween(((Number) box.get(4)).doubleValue() - 3, ((Number) box.get(5)).doubleValue() + 3);
        assertThat(customer.js("return document.querySelector('#gcb-pointers .gcb-pointer-name').textContent"))
                .isEqualTo("Alice");
        Object mirroredOverlays = inMirror(agent, d -> agent.js("return document.querySelectorAll('.gcb-pointer,"
                + " .gcb-pointer-click, #gcb-control-prompt').length"));
        assertThat(mirroredOverlays).as("overlays are never mirrored").isEqualTo(0L);

        clickInMirror(agent, "danger");
        customer.await(Duration.ofSeconds(5), d -> d.findElements(By.className("gcb-pointer-click")).isEmpty());
        assertThat(textOf(customer, "submitted")).as("pointer mode acts on nothing").isEmpty();
        assertThat(stage.inbound).noneMatch(f -> f.contains("\"type\":\"command\""));
    }

    @Test
    void withConsentTheAgentsTypingReachesThePagesListenersAndReactState() {
        aliceWatches("react.html", "React form");
        aliceGetsControl();
        clickInMirror(agent, "react-name");
        typeKeys(agent, "Hello React");
        customer.await(d -> "Hello React".equals(textOf(customer, "react-state")));
        assertThat(customer.js("return document.getElementById('react-name').value")).isEqualTo("Hello React");
        assertThat(textOf(customer, "react-changes")).as("one onChange per keystroke").isEqualTo("11");

        // The mirror shows React's re-render (which moves the next field down) before the agent aims at that field.
        inMirror(agent, d -> "11".equals(agent.js("return document.getElementById('react-changes').textContent")));
        clickInMirror(agent, "plain");
        typeKeys(agent, "abc");
        customer.await(d -> textOf(customer, "plain-events").endsWith("value:abc"));
        assertThat(textOf(customer, "plain-events")).isEqualTo("input:3 change:3 value:abc");
        String mirrored = inMirror(agent, d -> mirroredValue(d, "react-name"));
        assertThat(mirrored).as("the mirrored field shows what was typed").isEqualTo("Hello React");
    }

    @Test
    void submitButtonsAndDisabledElementsAreRefusedToTheAgentWhileTheCustomerSubmits() {
        aliceWatches("write.html", "Write mode");
        aliceGetsControl();
        clickInMirror(agent, "agree");
        customer.await(d -> "agree:true".equals(textOf(customer, "agree-state")));

        clickInMirror(agent, "submit");
        agent.await(d -> d.findElement(By.id("command-notice")).getText().contains("reserved for the customer"));
        clickInMirror(agent, "danger");
        customer.await(d -> rejectionsSent("restricted") == 2);
        assertThat(textOf(customer, "submitted")).isEmpty();

        customer.driver().findElement(By.id("submit")).click();
        assertThat(textOf(customer, "submitted")).isEqualTo("Submitted");
    }

    @Test
    void theAgentsWheelScrollsTheCustomersPage() {
        aliceWatches("write.html", "Write mode");
        aliceGetsControl();
        int[] title = mirrorPoint(agent, "title");
        new Actions(agent.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromViewport(title[0], title[1]), 0, 400)
                .perform();
        customer.await(d -> ((Number) customer.js("return window.scrollY")).intValue() > 200);
        Object mirrorScroll = inMirror(agent, d -> agent.js("return window.scrollY"));
        assertThat(((Number) mirrorScroll).intValue()).as("the mirror scrolled too").isGreaterThan(200);
    }

    @Test
    void theCustomerDeniesThenAllowsAndRevokesWithOneClick() {
        aliceWatches("write.html", "Write mode");
        agent.driver().findElement(By.id("request-control")).click();
        customer.await(d -> d.findElement(By.id("gcb-control-prompt")).isDisplayed());
        customer.driver().findElement(By.id("gcb-control-deny")).click();
        agent.await(d -> d.findElement(By.id("control-state")).getText().contains("declined"));
        assertThat(customer.driver().findElement(By.id("gcb-control-prompt")).isDisplayed()).isFalse();

        aliceGetsControl();
        customer.await(d -> d.findElement(By.id("gcb-control-banner")).isDisplayed());
        assertThat(textOf(customer, "gcb-control-text")).isEqualTo("Alice is controlling this page");
        assertThat(customer.driver().findElement(By.id("gcb-control-frame")).isDisplayed()).isTrue();

        customer.driver().findElement(By.id("gcb-control-stop")).click();
        agent.await(d -> d.findElement(By.id("control-state")).getText().contains("took control back"));
        assertThat(customer.driver().findElement(By.id("gcb-control-banner")).isDisplayed()).isFalse();
        assertThat(agent.js("return document.querySelector('#replay-container iframe').style.pointerEvents"))
                .as("the replay is inert again").isEqualTo("none");
    }

    @Test
    void theAgentFollowsALinkAndComesBackWithTheConsolesBackButton() {
        aliceWatches("write.html", "Write mode");
        aliceGetsControl();
        clickInMirror(agent, "next");
        customer.await(d -> d.getCurrentUrl().endsWith("/e2e/page2.html"));
        inMirror(agent, d -> mirroredText(d).contains("Second page") ? true : null);
        assertThat(agent.js("return document.querySelector('#replay-container iframe').contentDocument.URL"))
                .as("the mirror itself never navigates").asString().contains("/agent.html");
        customer.await(d -> d.findElement(By.id("gcb-control-banner")).isDisplayed());

        agent.await(d -> d.findElement(By.id("history-back")).isEnabled());
        agent.driver().findElement(By.id("history-back")).click();
        customer.await(d -> d.getCurrentUrl().endsWith("/e2e/write.html"));
        inMirror(agent, d -> mirroredText(d).contains("Write mode") ? true : null);
    }

    @Test
    void forgedCommandsAreIgnoredAndReportedBackToTheAgent() {
        String code = customerShares("write.html");
        try (WsClient bob = WsClient.connect(stage.node.wsUri()); WsClient carol = WsClient.connect(stage.node.wsUri())) {
            bob.request("join", "sessionToken", code, "role", 2, "name", "Bob");
            carol.request("join", "sessionToken", code, "role", 2, "name", "Carol");
            MirroredNodes nodes = MirroredNodes.fromSnapshot(bob);
            assertThat(carol.request("command", "action", "click", "node", nodes.id("danger")).path("error").asText())
                    .as("no control granted").isEqualTo("not_in_control");
            bob.request("control.request");
            customer.await(d -> d.findElement(By.id("gcb-control-allow")).isDisplayed());
            customer.driver().findElement(By.id("gcb-control-allow")).click();
            bob.await(f -> f.path("type").asText().equals("mode") && f.path("mode").asText().equals("write"));
            assertThat(bob.request("command", "action", "explode", "node", 1).path("error").asText())
                    .as("unknown action").isEqualTo("bad_request");

            assertRejected(bob, 1, "{\"action\":\"click\",\"node\":" + nodes.id("danger") + "}", "restricted");
            assertRejected(bob, 2, "{\"action\":\"click\",\"node\":" + nodes.id("submit") + "}", "restricted");
            assertRejected(bob, 3, "{\"action\":\"input\",\"node\":" + nodes.id("card") + ",\"value\":\"4111\"}",
                    "masked");
            assertRejected(bob, 4, "{\"action\":\"click\",\"node\":987654}", "unknown_node");
            assertRejected(bob, 5, "{\"action\":\"select\",\"node\":" + nodes.id("name") + ",\"value\":\"de\"}",
                    "unknown_node");
            bob.send("{\"type\":\"command\",\"action\":\"select\",\"node\":" + nodes.id("country")
                    + ",\"value\":\"de\"}");
            customer.await(d -> "de".equals(customer.js("return document.getElementById('country').value")));
        }
        assertThat(textOf(customer, "submitted")).as("neither button acted").isEmpty();
        assertThat(customer.js("return document.getElementById('card').value")).isEqualTo("");
        assertThat(customer.js("return window.maskedAttempts")).asList().containsExactly("card");
    }

    /** Sends a command with {@code cid} and waits for the customer's rejection of it, relayed by the server. */
    private static void assertRejected(WsClient agentSocket, int cid, String command, String reason) {
        agentSocket.send(command.replaceFirst("^\\{", "{\"type\":\"command\",\"cid\":" + cid + ","));
        JsonNode rejected = agentSocket.await(f -> f.path("type").asText().equals("command.rejected")
                && f.path("cid").asInt() == cid);
        assertThat(rejected.path("reason").asText()).as("reason for command " + cid).isEqualTo(reason);
    }
}
