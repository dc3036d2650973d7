package org.opencobrowse.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.DemoSite;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A visitor's walk through the demo shop at human pace, recorded by the real customer script (gcb.min.js) in
 * Chromium while an agent is joined: start co-browsing, look at the catalogue, add two products, open the cart,
 * fill in the checkout form and place the order. Every frame the node receives from the customer is kept with its
 * arrival time, for the bench fixture ({@link RecordDemoFlow}) and the customer-side figures
 * ({@link CustomerSideBench}).
 */
final class DemoFlow implements AutoCloseable {
    /** A frame the node received from the customer: ms since the flow started, wall-clock ms, and its text. */
    record Received(long atMillis, long wallMillis, String text) {
    }

    final TestNode node;
    final DemoSite site;
    final Browser customer;
    final List<Received> inbound = new CopyOnWriteArrayList<>();
    private long startNanos;
    private WsClient agent;

    private DemoFlow() {
        String[] nodeUrl = new String[1];
        site = DemoSite.start(() -> nodeUrl[0]);
        node = TestNode.start("--cross-origin.allowedOrigins=" + site.origin());
        nodeUrl[0] = node.node().baseUri().toString();
        customer = Browser.start(1280, 900);
        node.node().observeInboundFrames(frame -> {
            if (!frame.contains("\"name\":\"Bench agent\"")) {
                inbound.add(new Received((System.nanoTime() - startNanos) / 1_000_000, System.currentTimeMillis(),
                        frame));
            }
        });
    }

    static DemoFlow start() {
        return new DemoFlow();
    }

    /** Opens {@code page} of the demo shop and starts co-browsing with the built-in button; returns the code. */
    String startSession(String page) {
        customer.driver().get(site.page(page));
        return clickStart();
    }

    /** Starts co-browsing on the page the browser shows, with the built-in button; returns the code. */
    String clickStart() {
        customer.await(d -> d.findElement(By.id("gcb-start-button")).isDisplayed());
        startNanos = System.nanoTime();
        inbound.clear();
        customer.driver().findElement(By.id("gcb-start-button")).click();
        String shown = customer.await(d -> {
            String text = d.findElement(By.id("gcb-session-code")).getText();
            return text.replaceAll("\\D", "").length() == 9 ? text : null;
        });
        return shown.replaceAll("\\D", "");
    }

    void joinAgent(String code) {
        agent = WsClient.connect(node.wsUri());
        agent.request("join", "sessionToken", code, "role", 2, "name", "Bench agent");
    }

    /** Milliseconds since the session was started. */
    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The whole walk; takes about a minute. */
    void walk() {
        joinAgent(startSession("index.html"));
        pause(1500);
        wander(8);
        scroll(600);
        pause(800);
        List<WebElement> add = customer.driver().findElements(By.cssSelector("[data-add]"));
        clickHuman(add.get(0));
        pause(700);
        clickHuman(add.get(Math.min(2, add.size() - 1)));
        pause(900);
        scroll(-600);
        wander(5);
        customer.driver().get(site.page("cart.html"));
        pause(2000);
        wander(6);
        customer.driver().get(site.page("checkout.html"));
        pause(1500);
        type("full-name", "Ada Lovelace");
        type("email", "ada@example.org");
        type("address", "12 Analytical Engine Street");
        type("postal-code", "10115");
        type("city", "Berlin");
        type("card-number", "4111 1111 1111 1111");
        type("card-expiry", "12/29");
        type("card-cvv", "123");
        scroll(400);
        wander(4);
        clickHuman(customer.driver().findElement(By.id("place-order")));
        pause(2500);
    }

    /** Moves the mouse the way a hand does: each move in steps (Selenium spreads a step's move over 250 ms). */
    private void wander(int moves) {
        Actions actions = new Actions(customer.driver());
        int x = 640;
        int y = 400;
        for (int i = 0; i < moves; i++) {
            int toX = 100 + (i * 137) % 1000;
            int toY = 120 + (i * 89) % 600;
            for (int step = 1; step <= 3; step++) {
                actions.moveToLocation(x + (toX - x) * step / 3, y + (toY - y) * step / 3);
            }
            actions.pause(Duration.ofMillis(200));
            x = toX;
            y = toY;
        }
        actions.perform();
    }

    private void scroll(int pixels) {
        for (int i = 0; i < 5; i++) {
            customer.js("window.scrollBy(0, arguments[0]);", pixels / 5);
            pause(120);
        }
    }

    private void clickHuman(WebElement element) {
        customer.js("arguments[0].scrollIntoView({block: 'center'});", element);
        new Actions(customer.driver()).moveToElement(element).pause(Duration.ofMillis(300)).click().perform();
    }

    private void type(String id, String text) {
        WebElement field = customer.driver().findElement(By.id(id));
        clickHuman(field);
        Actions keys = new Actions(customer.driver());
        for (char c : text.toCharArray()) {
            keys.sendKeys(String.valueOf(c)).pause(Duration.ofMillis(90));
        }
        keys.perform();
        pause(400);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The customer's DOM frames received so far. */
    List<Received> domFrames() {
        List<Received> dom = new ArrayList<>();
        for (Received r : inbound) {
            if (r.text().startsWith("{\"type\":\"dom\"")) {
                dom.add(r);
            }
        }
        return dom;
    }

    /**
     * Bytes on the wire for these frames: UTF-8 payload plus the WebSocket header and mask of a client frame, raw
     * and as permessage-deflate would send them (one zlib stream with context takeover, a sync flush per frame, the
     * 4-byte tail dropped), which Chromium and Jetty negotiate by default.
     */
    static long[] wireBytes(List<Received> frames) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] out = new byte[1 << 16];
        long raw = 0;
        long compressed = 0;
        for (Received r : frames) {
            byte[] payload = r.text().getBytes(StandardCharsets.UTF_8);
            raw += payload.length + header(payload.length);
            deflater.setInput(payload);
            long size = 0;
            int n;
            do {
                n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                size += n;
            } while (n == out.length);
            compressed += size - 4 + header(size - 4);
        }
        deflater.end();
        return new long[] {raw, compressed};
    }

    private static int header(long payloadLength) {
        return (payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10) + 4;
    }

    @Override
    public void close() {
        try {
            if (agent != null) {
                agent.close();
            }
            customer.close();
        } finally {
            node.close();
            site.close();
        }
    }
}
