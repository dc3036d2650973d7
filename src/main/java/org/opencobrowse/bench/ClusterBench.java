package org.opencobrowse.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Scenario e: two nodes on one redis-server, customers on A and agents on B, against a single node (in-memory
 * store): the throughput ramp of scenario a, and latency at 100 sessions x 20 events/s with the bare forwarder as the
 * floor. Cluster CPU per event counts both nodes and Redis.
 */
final class ClusterBench {
    static final String NAME = "cluster";
    private static final int SESSIONS = 10;
    private static final int LATENCY_SESSIONS = 100;
    private static final int LATENCY_RATE = 20;

    private ClusterBench() {
    }

    static void run(BenchOptions options, Fixture fixture, Report report) throws Exception {
        int sessions = options.sessionsOr(SESSIONS);
        String throughputCell = sessions + " sessions";
        String latencyCell = LatencyBench.cell(LATENCY_SESSIONS, LATENCY_RATE);
        double[] startRates = {2000, 2000};
        for (int run = 0; run < options.runs(); run++) {
            try (ServerUnderTest bare = ServerUnderTest.forwarder(options);
                 LoadRig rig = LoadRig.open(fixture, bare.wsUri(), bare.wsUri(), LATENCY_SESSIONS,
                         options.addresses(), true, true)) {
                report.add(NAME, latencyCell, "forwarder", rig.measure(LATENCY_SESSIONS, LATENCY_RATE,
                        options.duration(), Duration.ofSeconds(5), bare::cpuNanos));
            }
            try (ServerUnderTest single = ServerUnderTest.node("single", options)) {
                measure(options, fixture, report, new ThroughputBench.Target(single, single), "single", sessions,
                        startRates, 0);
            }
            try (LocalRedis redis = LocalRedis.start();
                 ServerUnderTest a = ServerUnderTest.node("node-A", options, "--redis.uri=" + redis.uri());
                 ServerUnderTest b = ServerUnderTest.node("node-B", options, "--redis.uri=" + redis.uri())) {
                Map<String, LongSupplier> parts = new LinkedHashMap<>();
                parts.put("A", a::cpuNanos);
                parts.put("B", b::cpuNanos);
                parts.put("redis", redis::cpuNanos);
                ThroughputBench.Target cluster = new ThroughputBench.Target(a, b, parts);
                measure(options, fixture, report, cluster, "A->B", sessions, startRates, 1);
            }
        }
        Report.Row single = report.row(NAME, throughputCell, "single");
        Report.Row cluster = report.row(NAME, throughputCell, "A->B");
        double ratio = cluster.median("events_per_s") / single.median("events_per_s");
        report.add(NAME, throughputCell, "A->B/single", Map.of("events_per_s", ratio));
        report.check(NAME, ">= 0.65x single-node throughput", String.format("%.2fx", ratio), ratio >= 0.65);
        double extra = report.row(NAME, latencyCell, "A->B").median("p99_ms")
                - report.row(NAME, latencyCell, "single").median("p99_ms");
        report.check(NAME, "+ <= 1.5 ms p99 at " + latencyCell, String.format("%+.2f ms", extra), extra <= 1.5);
        report.print(NAME, "e. Cluster (2 nodes + Redis, customer on A, agent on B) vs single node", List.of(
                "events_per_s", "p50_ms", "p99_ms", "p99.9_ms", "lost", "server_cpu_us_per_event", "server_cpu_us_A",
                "server_cpu_us_B", "server_cpu_us_redis"));
    }

    private static void measure(BenchOptions options, Fixture fixture, Report report, ThroughputBench.Target target,
                                String label, int sessions, double[] startRates, int slot) throws Exception {
        Map<String, Double> best = ThroughputBench.ramp(options, fixture, target, sessions, startRates[slot]);
        startRates[slot] = Math.max(500, best.get("events_per_s") / 2.25);
        report.add(NAME, sessions + " sessions", label, best);
        try (LoadRig rig = LoadRig.open(fixture, target.customers().wsUri(), target.agents().wsUri(),
                LATENCY_SESSIONS, options.addresses(), true, true)) {
            Map<String, Double> m = target.measure(rig, LATENCY_SESSIONS, LATENCY_RATE, options.duration(),
                    Duration.ofSeconds(5));
            report.add(NAME, LatencyBench.cell(LATENCY_SESSIONS, LATENCY_RATE), label, m);
            System.out.printf("  %-7s max %,.0f events/s; at %s p99 %.2f ms%n", label, best.get("events_per_s"),
                    LatencyBench.cell(LATENCY_SESSIONS, LATENCY_RATE), m.get("p99_ms"));
        }
    }
}
