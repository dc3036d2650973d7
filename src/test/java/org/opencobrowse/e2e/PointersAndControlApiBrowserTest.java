package org.opencobrowse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencobrowse.e2e.CobrowseStage.clickInMirror;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.opencobrowse.testing.WsClient;

/**
 * Everyone sees the others' pointers, labelled by name; and a page with its own UI handles control requests and the
 * mode through the JavaScript API. A raw WebSocket agent (Bob) stands in for a second agent.
 */
class PointersAndControlApiBrowserTest extends TwoBrowserTest {

    private static String pointerNames(org.opencobrowse.testing.Browser browser, String layer) {
        Object names = browser.js("return Array.prototype.map.call(document.querySelectorAll(arguments[0]"
                + " + ' .gcb-pointer-name'), function (n) { return n.textContent; }).join(',');", layer);
        return String.valueOf(names);
    }

    @Test
    void agentsAndTheCustomerSeeEachOthersPointersLabelledByName() {
        String code = aliceWatches("write.html", "Write mode");
        try (WsClient bob = WsClient.connect(stage.node.wsUri())) {
            bob.request("join", "sessionToken", code, "role", 2, "name", "Bob");
            int title = MirroredNodes.fromSnapshot(bob).id("title");
            bob.send("{\"type\":\"pointer\",\"node\":" + title + ",\"x\":12,\"y\":6,\"kind\":\"move\"}");
            agent.await(d -> pointerNames(agent, ".cobrowse-pointers").equals("Bob"));
            customer.await(d -> pointerNames(customer, "#gcb-pointers").equals("Bob"));

            clickInMirror(agent, "name");
            var alice = bob.await(f -> f.path("type").asText().equals("pointer") && f.path("name").asText().equals("Alice"));
            assertThat(alice.path("node").isInt()).isTrue();
            customer.await(d -> pointerNames(customer, "#gcb-pointers").contains("Alice"));
        }

        // The customer's own pointer is rrweb's replayed mouse in the agent's view.
        Object before = agent.js("return document.querySelector('.replayer-mouse').style.top"
                + " + document.querySelector('.replayer-mouse').style.left");
        new Actions(customer.driver()).moveToElement(customer.driver().findElement(By.id("next"))).perform();
        agent.await(d -> !before.equals(agent.js("return document.querySelector('.replayer-mouse').style.top"
                + " + document.querySelector('.replayer-mouse').style.left")));
    }

    @Test
    void aPageWithItsOwnUiAnswersControlRequestsThroughTheApi() {
        customer.driver().get(stage.page("api-control.html"));
        customer.await(d -> customer.js("return window.cobrowseApi ? true : null"));
        customer.js("window.cobrowseApi.startSession()");
        String code = customer.await(d -> (String) customer.js("return window.sessionToken || null"));
        try (WsClient bob = WsClient.connect(stage.node.wsUri())) {
            bob.request("join", "sessionToken", code, "role", 2, "name", "Bob");
            bob.request("control.request");
            bob.await(f -> f.path("type").asText().equals("mode") && f.path("mode").asText().equals("write"));
            customer.await(d -> customer.js("return window.signals.join(',')").toString().contains("mode:write:Bob"));

            customer.js("window.cobrowseApi.revokeControl()");
            var revoked = bob.await(f -> f.path("type").asText().equals("mode"));
            assertThat(revoked.path("mode").asText()).isEqualTo("pointer");
            assertThat(revoked.path("reason").asText()).isEqualTo("revoked");

            customer.js("window.allowControl = false");
            bob.request("control.request");
            assertThat(bob.await("control.denied").path("userId").asText()).isNotEmpty();
        }
        assertThat(customer.js("return window.signals")).asList().containsExactly(
                "requested:Bob", "mode:write:Bob", "mode:pointer", "requested:Bob");
        assertThat(customer.driver().findElements(By.id("gcb-control-prompt"))).as("no built-in UI").isEmpty();
    }
}
