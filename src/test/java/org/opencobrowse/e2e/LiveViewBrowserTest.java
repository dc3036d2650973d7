package org.opencobrowse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencobrowse.e2e.CobrowseStage.inMirror;
import static org.opencobrowse.e2e.CobrowseStage.mirroredText;
import static org.opencobrowse.e2e.CobrowseStage.mirroredValue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.WsClient;

/**
 * The live view in real browsers: a customer page on another origin with the one-tag script, and the agent console,
 * in two independent Chromium processes.
 */
class LiveViewBrowserTest extends TwoBrowserTest {

    private void type(String id, String text) {
        customer.driver().findElement(By.id(id)).sendKeys(text);
    }

    @Test
    void typingAtTheCustomerAppearsAtTheAgent() {
        String code = customerShares("form.html");
        stage.joinAsAgent(agent, code);
        inMirror(agent, d -> mirroredText(d).contains("E2E Form") ? true : null);

        type("name", "Alice Martin");
        type("notes", "Second line");
        Boolean typed = inMirror(agent, Duration.ofSeconds(5), d -> "Alice Martin".equals(mirroredValue(d, "name"))
                && "Second line".equals(mirroredValue(d, "notes")) ? Boolean.TRUE : null);
        assertThat(typed).isTrue();
        assertThat(customer.driver().findElement(By.id("gcb-session-state")).getText()).containsIgnoringCase("agent");
    }

    @Test
    void passwordAndMaskedValuesReachNeitherTheServerNorTheAgent() {
        customer.driver().get(stage.page("form.html"));
        type("password", "hunter2-SECRET");
        String code = CobrowseStage.startSession(customer);
        type("card", "4111111111111111");
        type("password", "more");
        stage.joinAsAgent(agent, code);
        inMirror(agent, d -> mirroredText(d).contains("E2E Form") ? true : null);
        type("name", "visible-marker");
        inMirror(agent, d -> "visible-marker".equals(mirroredValue(d, "name")) ? true : null);

        String cardAtAgent = inMirror(agent, d -> mirroredValue(d, "card"));
        String passwordAtAgent = inMirror(agent, d -> mirroredValue(d, "password"));
        String textAtAgent = inMirror(agent, d -> mirroredText(d));
        assertThat(cardAtAgent).doesNotContain("4111");
        assertThat(passwordAtAgent).doesNotContain("hunter2").doesNotContain("more");
        assertThat(textAtAgent).doesNotContain("TOPSECRET").contains("E2E Form");
        assertThat(String.join("\n", stage.inbound)).contains("visible-marker")
                .doesNotContain("4111111111111111").doesNotContain("41111").doesNotContain("hunter2")
                .doesNotContain("TOPSECRET-TEXT");
    }

    @Test
    void aLateAgentSeesTheCurrentPageWithin2sFromTheOneSnapshotTheCustomerSent() throws Exception {
        String code = customerShares("form.html");
        type("name", "typed before the agent came");
        Thread.sleep(1500);
        assertThat(stage.snapshotsReceived()).isEqualTo(1);

        long joined = System.nanoTime();
        stage.joinAsAgent(agent, code);
        inMirror(agent, Duration.ofSeconds(5), d -> "typed before the agent came".equals(mirroredValue(d, "name"))
                ? true : null);
        long millis = Duration.ofNanos(System.nanoTime() - joined).toMillis();
        assertThat(millis).as("late join to current page, ms").isLessThan(2000);
        assertThat(stage.snapshotsReceived()).as("no new snapshot for the late agent").isEqualTo(1);
    }

    @Test
    void twoAgentsWatchAtOnce() {
        try (Browser second = Browser.start()) {
            String code = customerShares("form.html");
            stage.joinAsAgent(agent, code);
            stage.joinAsAgent(second, code);
            type("name", "both see this");
            for (Browser b : List.of(agent, second)) {
                Boolean seen = inMirror(b, d -> "both see this".equals(mirroredValue(d, "name")) ? Boolean.TRUE : null);
                assertThat(seen).isTrue();
            }
            assertThat(stage.snapshotsReceived()).isEqualTo(1);
        }
    }

    @Test
    void navigationShowsAtTheAgentAndInTheHistory() throws Exception {
        String code = customerShares("form.html");
        stage.joinAsAgent(agent, code);
        inMirror(agent, d -> mirroredText(d).contains("E2E Form") ? true : null);

        customer.driver().findElement(By.id("next")).click();
        long navigated = System.nanoTime();
        inMirror(agent, Duration.ofSeconds(5), d -> mirroredText(d).contains("Second page") ? true : null);
        assertThat(Duration.ofNanos(System.nanoTime() - navigated).toMillis()).isLessThan(5000);
        customer.await(d -> d.findElement(By.id("gcb-session-code")).getText().replaceAll("\\D", "").equals(code));

        try (WsClient supervisor = WsClient.connect(stage.node.wsUri())) {
            String historyId = supervisor.request("join", "sessionToken", code, "role", 2, "name", "Sup")
                    .path("sessionHistoryId").asText();
            JsonNode history = WsClient.JSON.readTree(stage.node.get("/rest/history/sessions/" + historyId,
                    "Origin", stage.site.origin()).body());
            assertThat(history.path("pages")).hasSize(2);
            assertThat(history.path("pages").get(0).path("url").asText()).endsWith("/e2e/form.html");
            assertThat(history.path("pages").get(1).path("url").asText()).endsWith("/e2e/page2.html");
        }
    }

    @Test
    void customerExitEndsTheAgentView() {
        String code = customerShares("form.html");
        stage.joinAsAgent(agent, code);
        inMirror(agent, d -> mirroredText(d).contains("E2E Form") ? true : null);
        customer.driver().findElement(By.id("gcb-exit-button")).click();
        agent.await(Duration.ofSeconds(5), d -> d.findElement(By.id("session-ended")).isDisplayed());
        assertThat(agent.driver().findElement(By.id("session-ended")).getText()).containsIgnoringCase("ended");
    }

    @Test
    void javascriptApiSignalsFireInOrder() throws Exception {
        customer.driver().get(stage.page("api.html"));
        customer.await(d -> ((List<?>) customer.js("return window.signals")).size() >= 2);
        customer.js("window.cobrowseApi.startSession()");
        String code = customer.await(d -> (String) customer.js("return window.sessionToken || null"));
        try (WsClient bob = WsClient.connect(stage.node.wsUri())) {
            bob.request("join", "sessionToken", code, "role", 2, "name", "Bob");
            customer.await(d -> customer.js("return window.signals.join(',')").toString().contains("agentJoined"));
            bob.request("exit");
        }
        customer.await(d -> customer.js("return window.signals.join(',')").toString().contains("ended"));
        assertThat(customer.js("return window.signals")).asList().containsExactly(
                "ready:true", "initialized:null", "started:true", "agentJoined:Bob:1", "agentLeft:Bob", "ended");
        assertThat(customer.driver().findElements(By.id("gcb-start-button"))).as("built-in UI disabled").isEmpty();
    }
}
