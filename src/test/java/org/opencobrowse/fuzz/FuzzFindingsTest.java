package org.opencobrowse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.TestNode;

/** Minimal reproductions of what the fuzz tests found, kept as regression tests. */
class FuzzFindingsTest {
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(FuzzTestBase.NODE_FLAGS);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Jetty answers 505 to an unknown HTTP version; the JSON error handler called that an internal error. */
    @Test
    void anUnsupportedHttpVersionIsAClientErrorNotAnInternalOne() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(node.port(), ("GET /cobrowse/health HTTP/9.9\r\nHost: 127.0.0.1:"
                + node.port() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 5000);
        assertThat(reply.bodyText()).doesNotContain("\"internal\"");
        assertThat(reply.status()).as(reply.head()).isBetween(400, 499);
    }

    /**
     * Agents whose connections are reset while the customer streams: a write to a reset socket fails on the writing
     * thread, Jetty then closes the session on that same thread, and Hub.detach removes the connection from the list
     * Hub is iterating (ConcurrentModificationException): the customer's frame is answered {@code internal} and the
     * agents after the broken one miss it.
     */
    @Test
    void otherAgentsGetEveryFrameWhileAgentConnectionsAreReset() throws Exception {
        FuzzSocket customer = FuzzSocket.connect(node.wsUri());
        JsonNode created = customer.request("{\"type\":\"create\",\"id\":\"c\"}", "c", Duration.ofSeconds(5));
        String token = created.path("sessionToken").asText();
        customer.request("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + token + "\",\"role\":1,"
                + "\"secret\":\"" + created.path("customerSecret").asText() + "\"}", "j", Duration.ofSeconds(5));
        FuzzSocket agent = FuzzSocket.connect(node.wsUri());
        agent.request("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + token + "\",\"role\":2}", "j",
                Duration.ofSeconds(5));
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> breakers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            breakers.add(pool.submit(() -> {
                while (!done.get()) {
                    try (RawWebSocket ws = RawWebSocket.open(node.port(), "/cobrowse/ws")) {
                        ws.write(RawWebSocket.text("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + token
                                + "\",\"role\":2}"));
                        ws.read(3000, "\"id\":\"j\"");
                        ws.reset();
                    }
                }
                return null;
            }));
        }
        int frames = 8000;
        for (int n = 1; n <= frames; n++) {
            customer.send("{\"type\":\"dom\",\"snapshot\":" + (n == 1) + ",\"events\":[{\"n\":" + n + "}]}");
            if (n % 100 == 0) {
                Thread.sleep(5);
            }
        }
        done.set(true);
        for (Future<?> f : breakers) {
            f.get();
        }
        pool.shutdownNow();
        List<Long> got = new ArrayList<>();
        for (String text; (text = agent.poll(Duration.ofSeconds(2))) != null; ) {
            JsonNode frame = FuzzSocket.JSON.readTree(text);
            if (frame.path("type").asText().equals("dom")) {
                got.add(frame.path("events").path(0).path("n").asLong());
            }
        }
        List<String> customerErrors = customer.drain().stream().filter(t -> t.contains("\"error\"")).toList();
        customer.close();
        agent.close();
        assertThat(customerErrors).as("errors the customer got").isEmpty();
        assertThat(got).as("frames the steady agent got").hasSize(frames).isSorted();
    }
}
