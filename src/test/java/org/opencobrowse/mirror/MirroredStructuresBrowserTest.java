package org.opencobrowse.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.DemoSite;
import org.opencobrowse.testing.TestNode;

/** Same-origin iframes and open shadow DOM reach the agent, content and typing included. */
class MirroredStructuresBrowserTest {

    /** Reads, in the agent's mirror, the shadow root text and value, and the nested iframe's text and value. */
    private static final String READ = """
            var card = document.getElementById('card');
            var root = card && card.shadowRoot;
            var frame = document.getElementById('frame');
            var inner = frame && frame.contentDocument;
            var field = inner && inner.getElementById('inner-field');
            var shadowField = root && root.getElementById('shadow-field');
            return [root ? root.textContent : '', shadowField ? shadowField.value : '',
                    inner && inner.body ? inner.body.textContent : '', field ? field.value : ''];
            """;

    @Test
    void shadowDomAndSameOriginIframesAreMirroredWithTheirInput() {
        String[] nodeUrl = new String[1];
        try (DemoSite site = DemoSite.start(() -> nodeUrl[0]);
             TestNode node = TestNode.start("--cross-origin.allowedOrigins=" + site.origin());
             Browser customer = Browser.start();
             Browser agent = Browser.start()) {
            nodeUrl[0] = node.node().baseUri().toString();
            customer.driver().get(site.page("mirror/host.html"));
            customer.await(d -> d.findElement(By.id("gcb-start-button")).isDisplayed());
            customer.driver().findElement(By.id("gcb-start-button")).click();
            String code = customer.await(d -> {
                String digits = d.findElement(By.id("gcb-session-code")).getText().replaceAll("\\D", "");
                return digits.length() == 9 ? digits : null;
            });
            agent.driver().get(nodeUrl[0] + "/agent.html?token=" + code);
            List<?> initial = awaitMirror(agent, values -> values.get(0).toString().contains("SHADOW-TEXT")
                    && values.get(2).toString().contains("IFRAME-TEXT"));
            assertThat(initial).isNotNull();

            customer.js("document.getElementById('card').shadowRoot.getElementById('shadow-field').focus()");
            customer.driver().switchTo().activeElement().sendKeys("in shadow");
            customer.driver().switchTo().frame("frame");
            customer.driver().findElement(By.id("inner-field")).sendKeys("in iframe");
            customer.driver().switchTo().defaultContent();

            List<?> typed = awaitMirror(agent, values -> values.get(1).equals("in shadow")
                    && values.get(3).equals("in iframe"));
            assertThat(typed).isNotNull();
        }
    }

    private static List<?> awaitMirror(Browser agent, java.util.function.Predicate<List<?>> done) {
        return agent.await(Duration.ofSeconds(15), d -> {
            List<?> values = read(d);
            return values != null && done.test(values) ? values : null;
        });
    }

    private static List<?> read(WebDriver d) {
        List<WebElement> frames = d.findElements(By.cssSelector("#replay-container iframe"));
        if (frames.isEmpty()) {
            return null;
        }
        try {
            d.switchTo().frame(frames.get(0));
            return (List<?>) ((JavascriptExecutor) d).executeScript(READ);
        } catch (org.openqa.selenium.WebDriverException notYet) {
            return null;
        } finally {
            d.switchTo().defaultContent();
        }
    }
}
