package org.opencobrowse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.opencobrowse.CobrowseNode;
import org.opencobrowse.config.ConfigLoader;

/**
 * Relay latency of a DOM event from a customer on node A to an agent on node A (same node) and to an agent on node B
 * (across Redis), both nodes in this process on one redis-server. Open loop: events go out at a fixed rate whatever
 * the replies; each carries its send time. Prints the median over runs of p50 / p99 / p99.9 for both paths.
 */
final class ClusterLatencyBench {
    private static final int EVENTS_PER_RUN = 3000;
    private static final int RATE_PER_SECOND = 1000;

    private ClusterLatencyBench() {
    }

    static void run(int runs) throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             CobrowseNode a = node(redis, "Bench_A");
             CobrowseNode b = node(redis, "Bench_B")) {
            Session same = Session.open(a, a);
            Session cross = Session.open(a, b);
            measure(same, cross, 500); // warm-up: JIT, connections
            List<double[]> sameRuns = new ArrayList<>();
            List<double[]> crossRuns = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                double[][] result = measure(same, cross, EVENTS_PER_RUN);
                sameRuns.add(result[0]);
                crossRuns.add(result[1]);
            }
            double[] s = medians(sameRuns);
            double[] c = medians(crossRuns);
            System.out.printf("%nRelay latency, customer on A (median of %d runs, %d events each at %d/s)%n",
                    runs, EVENTS_PER_RUN, RATE_PER_SECOND);
            System.out.printf("%-22s %10s %10s %10s%n", "path", "p50 ms", "p99 ms", "p99.9 ms");
            System.out.printf("%-22s %10.3f %10.3f %10.3f%n", "agent on A (same)", s[0], s[1], s[2]);
            System.out.printf("%-22s %10.3f %10.3f %10.3f%n", "agent on B (via Redis)", c[0], c[1], c[2]);
            System.out.printf("%-22s %10.3f %10.3f %10.3f%n", "extra cross-node", c[0] - s[0], c[1] - s[1],
                    c[2] - s[2]);
        }
    }

    private static CobrowseNode node(LocalRedis redis, String name) throws Exception {
        return CobrowseNode.start(ConfigLoader.load(List.of("--http.port=0", "--http.host=127.0.0.1",
                "--node.name=" + name, "--redis.uri=" + redis.uri()), Map.of()));
    }

    /** One customer and one agent; the agent records each event's latency. */
    private static final class Session {
        BenchClient customer;
        volatile Histogram histogram;
        volatile CountDownLatch remaining;

        static Session open(CobrowseNode customerNode, CobrowseNode agentNode) throws Exception {
            Session s = new Session();
            s.customer = BenchClient.connect(ws(customerNode), frame -> { });
            var created = s.customer.request("{\"type\":\"create\",\"id\":1}");
            String token = created.path("sessionToken").asText();
            s.customer.request("{\"type\":\"join\",\"id\":2,\"role\":1,\"sessionToken\":\"" + token
                    + "\",\"secret\":\"" + created.path("customerSecret").asText() + "\"}");
            BenchClient agent = BenchClient.connect(ws(agentNode), s::onFrame);
            agent.request("{\"type\":\"join\",\"id\":3,\"role\":2,\"sessionToken\":\"" + token + "\"}");
            s.customer.send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{\"t\":0}}]}");
            return s;
        }

        private static java.net.URI ws(CobrowseNode node) {
            return java.net.URI.create(node.baseUri().toString().replaceFirst("^http", "ws") + "/ws");
        }

        void onFrame(String frame) {
            int at = frame.indexOf("\"sent\":");
            if (at < 0 || histogram == null) {
                return;
            }
            long sent = Long.parseLong(frame, at + 7, frame.indexOf('}', at), 10);
            histogram.recordValue(Math.max(0, System.nanoTime() - sent) / 1000);
            remaining.countDown();
        }

        void reset(int events) {
            histogram = new Histogram(60_000_000L, 3);
            remaining = new CountDownLatch(events);
        }

        void send() {
            customer.send("{\"type\":\"dom\",\"events\":[{\"type\":3,\"data\":{\"source\":2,\"type\":1,\"id\":42,"
                    + "\"x\":120,\"y\":300,\"pad\":\"" + "x".repeat(200) + "\",\"sent\":" + System.nanoTime() + "}}]}");
        }
    }

    private static double[][] measure(Session same, Session cross, int events) throws InterruptedException {
        same.reset(events);
        cross.reset(events);
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
        long next = System.nanoTime();
        for (int i = 0; i < events; i++) {
            next += interval;
            while (System.nanoTime() < next) {
                LockSupport.parkNanos(Math.max(1, next - System.nanoTime() - 50_000));
            }
            same.send();
            cross.send();
        }
        if (!same.remaining.await(30, TimeUnit.SECONDS) || !cross.remaining.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Events were lost");
        }
        return new double[][] {percentiles(same.histogram), percentiles(cross.histogram)};
    }

    private static double[] percentiles(Histogram h) {
        return new double[] {h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0};
    }

    private static double[] medians(List<double[]> runs) {
        double[] out = new double[3];
        for (int p = 0; p < 3; p++) {
            int index = p;
            double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
            out[p] = values[values.length / 2];
        }
        return out;
    }

}
