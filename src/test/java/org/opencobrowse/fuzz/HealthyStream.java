package org.opencobrowse.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencobrowse.testing.Pause;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;

/**
 * A well-behaved session running beside the fuzzing: its customer sends a numbered DOM frame every
 * {@value #INTERVAL_MILLIS} ms and its agent checks that each one arrives, in order, within
 * {@value #MAX_LATENCY_MILLIS} ms. {@link #stopAndVerify} lists every violation.
 */
final class HealthyStream implements AutoCloseable {
    static final long INTERVAL_MILLIS = 10;
    static final long MAX_LATENCY_MILLIS = 2000;

    private final Joined customer;
    private final FuzzSocket agent;
    private final Thread sender;
    private final Thread receiver;
    private final List<String> problems = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long sent;
    private long received;
    private long maxLatencyNanos;

    private HealthyStream(TestNode node) {
        customer = SessionFixture.customer(node);
        agent = FuzzSocket.connect(node.wsUri());
        JsonNode joined = agent.request("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\""
                + customer.sessionToken() + "\",\"role\":2,\"name\":\"Healthy agent\"}", "j", Duration.ofSeconds(10));
        if (joined == null || !joined.path("type").asText().equals("join.ok")) {
            throw new AssertionError("The healthy agent could not join: " + joined);
        }
        sender = new Thread(this::send, "healthy-customer");
        receiver = new Thread(this::receive, "healthy-agent");
    }

    static HealthyStream start(TestNode node) {
        HealthyStream stream = new HealthyStream(node);
        stream.receiver.start();
        stream.sender.start();
        return stream;
    }

    String sessionToken() {
        return customer.sessionToken();
    }

    private void send() {
        long n = 0;
        while (!stopping) {
            n++;
            customer.ws().send("{\"type\":\"dom\",\"snapshot\":" + (n == 1) + ",\"events\":[{\"type\":3,\"data\":{"
                    + "\"n\":" + n + ",\"t\":" + System.nanoTime() + "}}]}");
            sent = n;
            Pause.millis(INTERVAL_MILLIS);
        }
    }

    private void receive() {
        long lastArrival = System.nanoTime();
        while (!(stopping && !sender.isAlive() && received >= sent)) {
            String text = agent.poll(Duration.ofMillis(100));
            long arrived = System.nanoTime();
            if (text == null) {
                if (received < sent && arrived - lastArrival > TimeUnit.SECONDS.toNanos(10)) {
                    problem("the agent stopped getting frames after " + received + " of " + sent);
                    return;
                }
                continue;
            }
            lastArrival = arrived;
            JsonNode dom = parse(text);
            if (!dom.path("type").asText().equals("dom")) {
                continue;
            }
            JsonNode data = dom.path("events").path(0).path("data");
            long n = data.path("n").asLong();
            long latency = arrived - data.path("t").asLong();
            maxLatencyNanos = Math.max(maxLatencyNanos, latency);
            if (n != received + 1) {
                problem("frame " + n + " arrived after frame " + received);
            }
            if (latency > TimeUnit.MILLISECONDS.toNanos(MAX_LATENCY_MILLIS)) {
                problem("frame " + n + " took " + TimeUnit.NANOSECONDS.toMillis(latency) + " ms");
            }
            received = Math.max(received, n);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return FuzzSocket.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("The healthy agent got an unparseable frame: " + text, e);
        }
    }

    private void problem(String text) {
        synchronized (problems) {
            if (problems.size() < 20) {
                problems.add(text);
            }
        }
    }

    /** Stops the stream once every frame sent has arrived; returns the violations (none when healthy). */
    List<String> stopAndVerify() {
        stopping = true;
        join(sender);
        join(receiver);
        if (!customer.ws().isOpen() || !agent.isOpen()) {
            problem("a socket of the healthy session closed");
        }
        customer.ws().unread().stream().filter(f -> f.path("type").asText().equals("error"))
                .forEach(f -> problem("the healthy customer got " + f));
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    String summary() {
        return sent + " DOM frames streamed, " + received + " received in order, max latency "
                + TimeUnit.NANOSECONDS.toMillis(maxLatencyNanos) + " ms";
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @Override
    public void close() {
        stopping = true;
        customer.close();
        agent.close();
    }
}
