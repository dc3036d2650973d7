package org.opencobrowse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.DemoSite;
import org.opencobrowse.testing.TestNode;

/**
 * The demo shop as a new user tries it: the shipped pages and the bundled restriction file, the shop on another
 * origin than the node. Walks catalogue → cart → checkout (card number masked) → login (show-password toggle) with an
 * agent watching, and reports the bytes the customer script sent.
 */
class DemoShopBrowserTest {
    private static final String CARD = "4000123412341234";
    private static final String PASSWORD = "s3cret-Pa55word";

    @Test
    void theDemoFlowMirrorsEveryPageAndNeverSendsTheCardOrThePassword() throws Exception {
        String[] nodeUrl = new String[1];
        List<String> inbound = new CopyOnWriteArrayList<>();
        try (DemoSite site = DemoSite.start(() -> nodeUrl[0]);
             TestNode node = TestNode.start("--cross-origin.allowedOrigins=" + site.origin());
             Browser customer = Browser.start();
             Browser agent = Browser.start()) {
            nodeUrl[0] = node.node().baseUri().toString();
            node.node().observeInboundFrames(inbound::add);

            WebDriver shop = customer.driver();
            shop.get(site.page("index.html"));
            customer.await(d -> d.findElement(By.id("gcb-start-button")).isDisplayed());
            shop.findElement(By.id("gcb-start-button")).click();
            String code = customer.await(d -> {
                String digits = d.findElement(By.id("gcb-session-code")).getText().replaceAll("\\D", "");
                return digits.length() == 9 ? digits : null;
            });
            agent.driver().get(nodeUrl[0] + "/agent.html?token=" + code);
            awaitMirrorText(agent, "Add to cart");

            shop.findElements(By.cssSelector("[data-add]")).get(0).click();
            shop.findElements(By.cssSelector("[data-add]")).get(1).click();
            shop.findElement(By.cssSelector("a[href='cart.html']")).click();
            customer.await(d -> d.getCurrentUrl().endsWith("cart.html"));
            shop.findElement(By.cssSelector("a[href='checkout.html']")).click();
            customer.await(d -> d.getCurrentUrl().endsWith("checkout.html"));
            shop.findElement(By.id("full-name")).sendKeys("Dana Demo");
            shop.findElement(By.id("email")).sendKeys("dana@example.com");
            shop.findElement(By.id("card-number")).sendKeys(CARD);
            shop.findElement(By.id("card-cvv")).sendKeys("987");
            awaitMirrorValue(agent, "full-name", "Dana Demo");
            assertThat(mirrorValue(agent, "card-number")).doesNotContain("4000").doesNotContain("1234");

            shop.findElement(By.cssSelector("a[href='login.html']")).click();
            customer.await(d -> d.getCurrentUrl().endsWith("login.html"));
            shop.findElement(By.id("username")).sendKeys("dana");
            shop.findElement(By.id("password")).sendKeys(PASSWORD);
            shop.findElement(By.id("toggle-password")).click();
            shop.findElement(By.id("password")).sendKeys("!");
            awaitMirrorValue(agent, "username", "dana");
            assertThat(mirrorValue(agent, "password")).doesNotContain("s3cret");

            String everything = String.join("\n", inbound);
            assertThat(everything).contains("Dana Demo").doesNotContain(CARD).doesNotContain("40001234")
                    .doesNotContain("987\"").doesNotContain(PASSWORD).doesNotContain("s3cret");
            long bytes = inbound.stream().mapToLong(f -> f.getBytes(StandardCharsets.UTF_8).length).sum();
            long snapshots = inbound.stream().filter(f -> f.contains("\"snapshot\":true")).count();
            System.out.printf("Demo flow: the customer sent %d frames, %d bytes (%d full snapshots, 4 pages)%n",
                    inbound.size(), bytes, snapshots);
            assertThat(snapshots).as("one snapshot per page load").isEqualTo(4);
        }
    }

    private static Object inMirror(Browser agent, String script, Object... args) {
        WebDriver d = agent.driver();
        List<WebElement> frames = d.findElements(By.cssSelector("#replay-container iframe"));
        if (frames.isEmpty()) {
            return null;
        }
        try {
            d.switchTo().frame(frames.get(0));
            return ((JavascriptExecutor) d).executeScript(script, args);
        } catch (org.openqa.selenium.WebDriverException notYet) {
            return null;
        } finally {
            d.switchTo().defaultContent();
        }
    }

    private static void awaitMirrorText(Browser agent, String text) {
        agent.await(Duration.ofSeconds(15), d -> {
            Object body = inMirror(agent, "return document.body ? document.body.innerText : ''");
            return body != null && body.toString().contains(text) ? Boolean.TRUE : null;
        });
    }

    private static String mirrorValue(Browser agent, String id) {
        Object v = inMirror(agent, "var e = document.getElementById(arguments[0]); return e ? e.value : null;", id);
        return v == null ? "" : v.toString();
    }

    private static void awaitMirrorValue(Browser agent, String id, String expected) {
        agent.await(Duration.ofSeconds(10), d -> expected.equals(mirrorValue(agent, id)) ? Boolean.TRUE : null);
    }
}
