package org.opencobrowse.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.DemoSite;
import org.opencobrowse.testing.TestNode;

/**
 * The scene of a browser test: a node, a customer site on another origin (127.0.0.1 vs localhost), and helpers to
 * act as the customer (the one-tag script and its built-in UI) and as the agent (agent.html and its replay iframe).
 * Every frame the node receives is kept, to prove what never reached the server.
 */
final class CobrowseStage implements AutoCloseable {
    final TestNode node;
    final DemoSite site;
    final List<String> inbound = new CopyOnWriteArrayList<>();

    private CobrowseStage(TestNode node, DemoSite site) {
        this.node = node;
        this.site = site;
    }

    static CobrowseStage start(String... flags) {
        String[] nodeUrl = new String[1];
        DemoSite site = DemoSite.start(() -> nodeUrl[0]);
        String[] all = new String[flags.length + 2];
        all[0] = "--cross-origin.allowedOrigins=" + site.origin();
        all[1] = "--dom-restrictions.file=" + Path.of("src/test/resources/e2e-restrictions.json").toAbsolutePath();
        System.arraycopy(flags, 0, all, 2, flags.length);
        TestNode node = TestNode.start(all);
        nodeUrl[0] = node.node().baseUri().toString();
        CobrowseStage stage = new CobrowseStage(node, site);
        node.node().observeInboundFrames(stage.inbound::add);
        return stage;
    }

    String page(String name) {
        return site.page("e2e/" + name);
    }

    /** As the customer: clicks the built-in "Co-browse" button and returns the 9-digit code it shows. */
    static String startSession(Browser customer) {
        customer.await(d -> d.findElement(By.id("gcb-start-button")).isDisplayed());
        customer.driver().findElement(By.id("gcb-start-button")).click();
        String shown = customer.await(d -> {
            String text = d.findElement(By.id("gcb-session-code")).getText();
            return text.replaceAll("\\D", "").length() == 9 ? text : null;
        });
        return shown.replaceAll("\\D", "");
    }

    /** As an agent: opens the console for this code (joins at once). */
    void joinAsAgent(Browser agent, String code) {
        agent.driver().get(node.node().baseUri() + "/agent.html?token=" + code);
    }

    /** As an agent called {@code name}: opens the console for this code (joins at once). */
    void joinAsAgent(Browser agent, String code, String name) {
        agent.driver().get(node.node().baseUri() + "/agent.html?token=" + code + "&name=" + name);
    }

    /**
     * As the agent: a real mouse click (moved there first) at the centre of the mirrored element {@code id}, at the
     * coordinates of the agent's page: in pointer mode it lands on the replay, in write mode inside the mirrored page.
     */
    static void clickInMirror(Browser agent, String id) {
        int[] point = mirrorPoint(agent, id);
        new Actions(agent.driver()).moveToLocation(point[0], point[1]).pause(Duration.ofMillis(100)).click().perform();
    }

    /** The centre of the mirrored element {@code id} in the agent page's viewport (the replay is scaled). */
    static int[] mirrorPoint(Browser agent, String id) {
        List<?> point = agent.await(d -> (List<?>) agent.js(
                "var f = document.querySelector('#replay-container iframe');"
                        + "var e = f && f.contentDocument.getElementById(arguments[0]); if (!e) return null;"
                        + "var r = e.getBoundingClientRect(), fr = f.getBoundingClientRect(), s = fr.width / f.offsetWidth;"
                        + "return [Math.round(fr.left + (r.left + r.width / 2) * s),"
                        + " Math.round(fr.top + (r.top + r.height / 2) * s)];", id));
        return new int[] {((Number) point.get(0)).intValue(), ((Number) point.get(1)).intValue()};
    }

    /** As the agent: types on the keyboard, into whatever has focus. */
    static void typeKeys(Browser agent, String text) {
        new Actions(agent.driver()).sendKeys(text).perform();
    }

    static String textOf(Browser browser, String id) {
        Object text = browser.js("var e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
        return text == null ? null : text.toString();
    }

    /** Evaluates {@code condition} inside the agent's replay iframe (the mirrored page), waiting up to the timeout. */
    static <T> T inMirror(Browser agent, Duration timeout, Function<WebDriver, T> condition) {
        return agent.await(timeout, d -> {
            try {
                List<WebElement> frames = d.findElements(By.cssSelector("#replay-container iframe"));
                if (frames.isEmpty()) {
                    return null;
                }
                d.switchTo().frame(frames.get(0));
                return condition.apply(d);
            } catch (org.openqa.selenium.WebDriverException notYet) {
                return null;
            } finally {
                d.switchTo().defaultContent();
            }
        });
    }

    static <T> T inMirror(Browser agent, Function<WebDriver, T> condition) {
        return inMirror(agent, Duration.ofSeconds(15), condition);
    }

    /** The value property of a mirrored element (rrweb replays input values as properties). */
    static String mirroredValue(WebDriver mirror, String id) {
        Object value = ((JavascriptExecutor) mirror).executeScript(
                "var e = document.getElementById(arguments[0]); return e ? e.value : null;", id);
        return value == null ? null : value.toString();
    }

    static String mirroredText(WebDriver mirror) {
        Object text = ((JavascriptExecutor) mirror).executeScript(
                "return document.body ? document.body.innerText : '';");
        return text == null ? "" : text.toString();
    }

    /** How many full snapshots the customer has sent so far. */
    long snapshotsReceived() {
        return inbound.stream().filter(f -> f.startsWith("{\"type\":\"dom\"") || f.contains("\"type\":\"dom\""))
                .filter(f -> f.contains("\"snapshot\":true")).count();
    }

    long bytesReceived() {
        return inbound.stream().mapToLong(f -> f.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
    }

    @Override
    public void close() {
        node.close();
        site.close();
    }
}
