package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Scenario d: while scenario b runs at half load (1,000 sessions x 10 events/s), a session holds a 1 MB snapshot
 * and a 1,000-frame tail; agents join it one after another (time from join to the last buffered frame), then 100
 * agents join at once (time until all have everything, retained heap growth). The forwarder has no buffer: its
 * baseline is the same 1 MB + 1,000 frames sent live by the customer to the agents (time from first send to last
 * byte), under the same background load.
 */
final class LateJoinBench {
    static final String NAME = "late-join";
    private static final int SNAPSHOT_CHARS = 1 << 20;
    private static final int TAIL = 1000;
    private static final int JOINS = 50;
    private static final int BURST = 100;
    private static final String DOM_PREFIX = "{\"type\":\"dom\"";

    private LateJoinBench() {
    }

    static void run(BenchOptions options, Fixture fixture, Report report) throws Exception {
        int background = options.sessionsOr(1000);
        String cell = "1MB+" + TAIL;
        String snapshot = Fixture.largeSnapshotFrame(SNAPSHOT_CHARS);
        for (int run = 0; run < options.runs(); run++) {
            for (int kind = 0; kind < 2; kind++) {
                try (ServerUnderTest server = kind == 0 ? ServerUnderTest.forwarder(options)
                        : ServerUnderTest.node("node", options, "--session.maxAgents=" + (BURST + 10))) {
                    try (LoadRig rig = LoadRig.open(fixture, server.wsUri(), server.wsUri(), background,
                            options.addresses(), true, true)) {
                        AtomicReference<Map<String, Double>> load = new AtomicReference<>();
                        Thread loadThread = new Thread(() -> {
                            try {
                                load.set(rig.measure(background, 10, Duration.ofMinutes(30), Duration.ofSeconds(5),
                                        server::cpuNanos));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, "bench-background-load");
                        loadThread.start();
                        Thread.sleep(1500); // past the load's warm-up
                        Map<String, Double> m = kind == 0 ? live(server, fixture, snapshot)
                                : lateJoins(server, fixture, snapshot);
                        rig.stop();
                        loadThread.join();
                        m.put("background_p99_ms", load.get().get("p99_ms"));
                        m.put("background_lost", load.get().get("lost"));
                        report.add(NAME, cell, server.label(), m);
                        System.out.printf("  run %d %-9s join p99 %.1f ms, %d at once %.0f ms, heap +%.1f MB%n",
                                run + 1, server.label(), m.get("join_p99_ms"), BURST, m.get("burst_ms"),
                                m.get("burst_heap_growth_mb"));
                    }
                }
            }
        }
        Report.Row node = report.row(NAME, cell, "node");
        double p99 = node.median("join_p99_ms");
        report.check(NAME, "p99 <= 20 ms from join to last byte", String.format("%.1f ms", p99), p99 <= 20);
        double burst = node.median("burst_ms");
        report.check(NAME, BURST + " agents joining at once done within 1 s", String.format("%.0f ms", burst),
                burst <= 1000);
        double growth = node.median("burst_heap_growth_mb");
        report.check(NAME, "heap growth <= 10 MB for " + BURST + " agents", String.format("%.1f MB (retained)",
                growth), growth <= 10);
        report.print(NAME, "d. Late join (1 MB snapshot + " + TAIL + "-frame tail, under " + background
                + " sessions x 10 events/s)", List.of(
                "join_p50_ms", "join_p99_ms", "burst_ms", "burst_heap_growth_mb", "background_p99_ms",
                "background_lost"));
    }

    /** An agent socket that counts DOM frames until it has {@code expected} of them. */
    private static final class Joiner {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger frames = new AtomicInteger();
        final int expected;
        volatile long doneAt;
        volatile String lastOther = "none";
        BenchClient socket;

        Joiner(ServerUnderTest server, int expected, int address) throws Exception {
            this.expected = expected;
            socket = BenchClient.connect(server.wsUri(), frame -> {
                if (!frame.startsWith(DOM_PREFIX)) {
                    lastOther = frame;
                } else if (frames.incrementAndGet() == this.expected) {
                    doneAt = System.nanoTime();
                    done.countDown();
                }
            }, address);
        }

        void join(String token) {
            socket.send("{\"type\":\"join\",\"id\":7,\"role\":2,\"name\":\"Late\",\"sessionToken\":\"" + token + "\"}");
        }

        long await(long since) throws InterruptedException {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("A joining agent got " + frames.get() + " of " + expected
                        + " frames; last other frame: " + lastOther + "; close code " + socket.closeCode());
            }
            return doneAt - since;
        }

        void leave() {
            socket.send("{\"type\":\"exit\",\"id\":8}");
            socket.close();
        }
    }

    private static String[] customer(ServerUnderTest server, BenchClient[] out) throws Exception {
        BenchClient customer = BenchClient.connect(server.wsUri(), frame -> { }, 0);
        JsonNode created = customer.request("{\"type\":\"create\",\"id\":1}");
        String token = created.path("sessionToken").asText();
        customer.request("{\"type\":\"join\",\"id\":2,\"role\":1,\"sessionToken\":\"" + token + "\",\"secret\":\""
                + created.path("customerSecret").asText() + "\"}");
        out[0] = customer;
        return new String[] {token};
    }

    private static void sendContent(BenchClient customer, Fixture fixture, String snapshot) {
        customer.send(snapshot);
        for (int i = 0; i < TAIL; i++) {
            customer.send(fixture.frame(i, System.nanoTime()));
        }
    }

    /** The node: the content is buffered once; agents join late and get it from the buffer. */
    private static Map<String, Double> lateJoins(ServerUnderTest server, Fixture fixture, String snapshot)
            throws Exception {
        BenchClient[] customer = new BenchClient[1];
        String token = customer(server, customer)[0];
        sendContent(customer[0], fixture, snapshot);
        Histogram joins = new Histogram(1, 600_000_000L, 3);
        for (int i = 0; i <= JOINS; i++) {
            Joiner agent = new Joiner(server, TAIL + 1, i);
            long start = System.nanoTime();
            agent.join(token);
            long took = agent.await(start);
            if (i > 0) {
                joins.recordValue(took / 1000);
                agent.leave();
            }
            // The first agent stays (the session ends when its last agent leaves); its join also waited for the
            // customer's frames to be buffered, so it is not counted.
        }
        List<Joiner> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(new Joiner(server, TAIL + 1, i));
        }
        long heapBefore = server.heapAfterGc();
        long start = System.nanoTime();
        burst.forEach(a -> a.join(token));
        long slowest = slowest(burst, start);
        long heapAfter = server.heapAfterGc();
        burst.forEach(Joiner::leave);
        customer[0].close();
        return figures(joins, slowest, heapAfter - heapBefore);
    }

    /** The forwarder: agents join first, then the customer sends the same content live. */
    private static Map<String, Double> live(ServerUnderTest server, Fixture fixture, String snapshot)
            throws Exception {
        BenchClient[] customer = new BenchClient[1];
        String token = customer(server, customer)[0];
        Histogram joins = new Histogram(1, 600_000_000L, 3);
        for (int i = 0; i <= JOINS; i++) {
            Joiner agent = new Joiner(server, TAIL + 1, i);
            agent.socket.request("{\"type\":\"join\",\"id\":7,\"role\":2,\"sessionToken\":\"" + token + "\"}");
            long start = System.nanoTime();
            sendContent(customer[0], fixture, snapshot);
            long took = agent.await(start);
            if (i > 0) {
                joins.recordValue(took / 1000);
            }
            agent.leave();
            Thread.sleep(20); // let the forwarder see the close before the next round
        }
        List<Joiner> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            Joiner agent = new Joiner(server, TAIL + 1, i);
            agent.socket.request("{\"type\":\"join\",\"id\":7,\"role\":2,\"sessionToken\":\"" + token + "\"}");
            burst.add(agent);
        }
        long heapBefore = server.heapAfterGc();
        long start = System.nanoTime();
        sendContent(customer[0], fixture, snapshot);
        long slowest = slowest(burst, start);
        long heapAfter = server.heapAfterGc();
        burst.forEach(Joiner::leave);
        customer[0].close();
        return figures(joins, slowest, heapAfter - heapBefore);
    }

    /** Waits for every agent of a burst; the longest time from {@code start} to an agent's last byte, in ns. */
    private static long slowest(List<Joiner> burst, long start) throws InterruptedException {
        long slowest = 0;
        for (Joiner a : burst) {
            slowest = Math.max(slowest, a.await(start));
        }
        return slowest;
    }

    private static Map<String, Double> figures(Histogram joins, long burstNanos, long heapGrowth) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("join_p50_ms", joins.getValueAtPercentile(50) / 1000.0);
        m.put("join_p99_ms", joins.getValueAtPercentile(99) / 1000.0);
        m.put("join_max_ms", joins.getMaxValue() / 1000.0);
        m.put("burst_ms", burstNanos / 1e6);
        m.put("burst_heap_growth_mb", heapGrowth / 1048576.0);
        return m;
    }
}
