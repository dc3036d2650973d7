package org.opencobrowse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencobrowse.e2e.CobrowseStage.inMirror;
import static org.opencobrowse.e2e.CobrowseStage.mirroredText;
import static org.opencobrowse.e2e.CobrowseStage.textOf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.opencobrowse.testing.Browser;

/**
 * The set-up of the pointer and write mode browser tests: a customer browser and an agent browser (two Chromium
 * processes, kept for the whole class), a fresh node and customer site per test, and the steps most tests start with.
 */
abstract class TwoBrowserTest {
    static Browser customer;
    static Browser agent;
    CobrowseStage stage;

    @BeforeAll
    static void browsers() {
        customer = Browser.start();
        agent = Browser.start();
    }

    @AfterAll
    static void closeBrowsers() {
        for (Browser browser : new Browser[] {customer, agent}) {
            if (browser != null) {
                browser.close();
            }
        }
        customer = null;
        agent = null;
    }

    @BeforeEach
    void stage() {
        stage = CobrowseStage.start();
    }

    @AfterEach
    void closeStage() {
        customer.driver().manage().deleteAllCookies();
        customer.js("try { sessionStorage.clear(); } catch (e) {}");
        stage.close();
    }

    /** The customer opens {@code page} and starts a session; returns its code. */
    String customerShares(String page) {
        customer.driver().get(stage.page(page));
        return CobrowseStage.startSession(customer);
    }

    /** The customer shares {@code page}; agent Alice watches it until the mirror shows {@code title}. */
    String aliceWatches(String page, String title) {
        String code = customerShares(page);
        stage.joinAsAgent(agent, code, "Alice");
        inMirror(agent, d -> mirroredText(d).contains(title) ? true : null);
        return code;
    }

    /** Alice asks for control in the console; the customer allows it in the built-in prompt. */
    void aliceGetsControl() {
        agent.driver().findElement(By.id("request-control")).click();
        customer.await(d -> d.findElement(By.id("gcb-control-prompt")).isDisplayed());
        assertThat(textOf(customer, "gcb-control-prompt-text")).isEqualTo("Alice asks to control this page");
        customer.driver().findElement(By.id("gcb-control-allow")).click();
        agent.await(d -> "self".equals(agent.js("return document.body.getAttribute('data-control')")));
    }

    /** How many `command.rejected` frames with this reason the customer has sent to the server. */
    long rejectionsSent(String reason) {
        return stage.inbound.stream().filter(f -> f.contains("\"command.rejected\"") && f.contains('"' + reason + '"'))
                .count();
    }
}
