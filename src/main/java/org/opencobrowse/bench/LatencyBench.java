package org.opencobrowse.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario b: 10 / 100 / 1,000 sessions x 5 / 20 / 50 events/s each, open loop, on the bare forwarder and on a node
 * in the same run; latency from the frame's intended send time to its arrival at the agent. The "added" rows are the
 * node's medians minus the forwarder's.
 */
final class LatencyBench {
    static final String NAME = "latency";
    static final int[] SESSIONS = {10, 100, 1000};
    static final int[] RATES = {5, 20, 50};
    private static final List<String> PERCENTILES = List.of("p50_ms", "p99_ms", "p99.9_ms");

    private LatencyBench() {
    }

    static void run(BenchOptions options, Fixture fixture, Report report) throws Exception {
        int most = options.sessionsOr(SESSIONS[SESSIONS.length - 1]);
        for (int run = 0; run < options.runs(); run++) {
            for (int kind = 0; kind < 2; kind++) {
                try (ServerUnderTest server = kind == 0 ? ServerUnderTest.forwarder(options)
                        : ServerUnderTest.node("node", options)) {
                    LoadRig rig = LoadRig.open(fixture, server.wsUri(), server.wsUri(), most, options.addresses(),
                            true, true);
                    try {
                        ThroughputBench.warmUp(options, rig, Math.min(100, most), server::cpuNanos);
                        for (int sessions : SESSIONS) {
                            for (int rate : RATES) {
                                if (rig.broken()) {
                                    rig.close();
                                    Thread.sleep(1000);
                                    rig = LoadRig.open(fixture, server.wsUri(), server.wsUri(), most,
                                            options.addresses(), true, true);
                                }
                                int count = Math.min(sessions, most);
                                Map<String, Double> m = rig.measure(count, rate, options.duration(),
                                        Duration.ofSeconds(5), server::cpuNanos);
                                report.add(NAME, cell(count, rate), server.label(), m);
                                System.out.printf("  run %d %-9s %-8s p50 %.2f p99 %.2f p99.9 %.2f ms lost %.0f%n",
                                        run + 1, server.label(), cell(count, rate), m.get("p50_ms"),
                                        m.get("p99_ms"), m.get("p99.9_ms"), m.get("lost"));
                            }
                        }
                    } finally {
                        rig.close();
                    }
                }
            }
        }
        for (int sessions : SESSIONS) {
            for (int rate : RATES) {
                String cell = cell(Math.min(sessions, most), rate);
                Map<String, Double> added = new LinkedHashMap<>();
                for (String p : PERCENTILES) {
                    added.put(p, report.row(NAME, cell, "node").median(p) - report.row(NAME, cell, "forwarder")
                            .median(p));
                }
                report.add(NAME, cell, "added", added);
            }
        }
        String target = cell(Math.min(1000, most), 20);
        Report.Row added = report.row(NAME, target, "added");
        Report.Row node = report.row(NAME, target, "node");
        double[] limits = {1, 5, 20};
        // A saturated baseline makes any difference meaningless: then the target counts as missed.
        double baseP99 = report.row(NAME, target, "forwarder").median("p99_ms");
        boolean baselineSane = baseP99 <= 50;
        for (int i = 0; i < PERCENTILES.size(); i++) {
            double value = added.median(PERCENTILES.get(i));
            report.check(NAME, "added " + PERCENTILES.get(i).replace("_ms", "") + " <= " + (int) limits[i]
                    + " ms at " + target, String.format("%+.2f ms (node %.2f ms)%s", value,
                    node.median(PERCENTILES.get(i)), baselineSane ? "" : String.format(
                            "; inconclusive: the forwarder itself is saturated (p99 %.0f ms)", baseP99)),
                    baselineSane && value <= limits[i]);
        }
        double lost = node.runs.get("lost").stream().mapToDouble(Double::doubleValue).sum();
        double reordered = node.runs.get("reordered").stream().mapToDouble(Double::doubleValue).sum();
        report.check(NAME, "no loss, no reordering at " + target, String.format("lost %.0f, reordered %.0f in all runs",
                lost, reordered), lost == 0 && reordered == 0);
        report.print(NAME, "b. Latency (open loop; ms from intended send to arrival)", List.of("offered_per_s",
                "events_per_s", "p50_ms", "p99_ms", "p99.9_ms", "max_ms", "lost", "reordered",
                "server_cpu_us_per_event", "jitter_p99_us"));
    }

    static String cell(int sessions, int rate) {
        return sessions + "x" + rate;
    }
}
