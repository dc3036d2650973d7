package org.opencobrowse.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Scenario a: sessions of one customer and one agent; the total rate rises (x1.5 a step, then x1.22 and x1.1 steps
 * past the last good one; halving first while even the first step fails) until p99 exceeds 50 ms or a frame is lost,
 * reordered or a socket closed. The figure is the last good step's received events/s, and the server CPU per relayed
 * event there; the node is compared with the {@link BareForwarder} in the same run.
 */
final class ThroughputBench {
    static final String NAME = "throughput";
    private static final int SESSIONS = 10;
    private static final double MAX_P99_MS = 50;
    private static final double MIN_RATE = 100;
    /** Events/s of the warm-up before a ramp: well below what any server here sustains. */
    private static final double WARMUP_RATE = 3000;
    /** Unrecorded steps after the warm-up at most: x1.5 each, up to about 115,000 events/s. */
    private static final int UNRECORDED_STEPS = 9;

    private ThroughputBench() {
    }

    static void run(BenchOptions options, Fixture fixture, Report report) throws Exception {
        int sessions = options.sessionsOr(SESSIONS);
        String cell = sessions + " sessions";
        double[] startRates = {2000, 2000};
        for (int run = 0; run < options.runs(); run++) {
            for (int kind = 0; kind < 2; kind++) {
                try (ServerUnderTest server = kind == 0 ? ServerUnderTest.forwarder(options)
                        : ServerUnderTest.node("node", options)) {
                    Map<String, Double> best = ramp(options, fixture, new Target(server, server), sessions,
                            startRates[kind]);
                    report.add(NAME, cell, server.label(), best);
                    startRates[kind] = Math.max(500, best.get("events_per_s") / 2.25);
                    System.out.printf("  run %d %-9s max %,.0f events/s, server CPU %.2f us/event%n", run + 1,
                            server.label(), best.get("events_per_s"), best.get("server_cpu_us_per_event"));
                }
            }
        }
        Report.Row node = report.row(NAME, cell, "node");
        Report.Row bare = report.row(NAME, cell, "forwarder");
        double ratio = node.median("events_per_s") / bare.median("events_per_s");
        report.add(NAME, cell, "node/fwd", Map.of("events_per_s", ratio));
        report.check(NAME, "relay >= 0.9x the bare forwarder's events/s", String.format("%.2fx", ratio),
                ratio >= 0.9);
        double cpu = node.median("server_cpu_us_per_event");
        report.check(NAME, "<= 8 us server CPU per relayed event", String.format("%.2f us", cpu), cpu <= 8);
        report.print(NAME, "a. Throughput (" + cell + ", last step with p99 <= 50 ms and no loss)", List.of(
                "events_per_s", "p50_ms", "p99_ms", "server_cpu_us_per_event", "client_cpu_us_per_event",
                "jitter_p99_us"));
    }

    /**
     * {@code --warmup} seconds at {@link #WARMUP_RATE} events/s over {@code sessions}, not recorded: the server's JIT
     * compiles its hot paths before anything is measured (on two shared cores it otherwise competes with the first
     * measurements).
     */
    static void warmUp(BenchOptions options, LoadRig rig, int sessions, java.util.function.LongSupplier cpu)
            throws Exception {
        if (!options.warmup().isZero()) {
            rig.measure(sessions, WARMUP_RATE / sessions, options.warmup(), Duration.ofSeconds(3), cpu);
            System.out.printf("    warmed up: %.0f s at %,.0f/s%n", options.warmup().toMillis() / 1000.0,
                    WARMUP_RATE);
        }
    }

    /**
     * After {@link #warmUp}, one-second steps from {@link #WARMUP_RATE} up x1.5 each until a step fails (at most
     * {@link #UNRECORDED_STEPS}), not recorded: code that only runs at high rates (larger batches, fuller queues) is
     * compiled before the ramp, rather than by the JIT threads during its top steps, where they took up to a quarter
     * of a core of a node per step.
     */
    private static void rampUnrecorded(BenchOptions options, LoadRig rig, int sessions, LongSupplier cpu)
            throws Exception {
        if (options.warmup().isZero()) {
            return;
        }
        double rate = WARMUP_RATE;
        for (int i = 0; i < UNRECORDED_STEPS && !rig.broken(); i++) {
            rate *= 1.5;
            Map<String, Double> m = rig.measure(sessions, rate / sessions, Duration.ofSeconds(1),
                    Duration.ofSeconds(3), cpu);
            if (m.get("p99_ms") > MAX_P99_MS || m.get("lost") > 0 || m.get("broken") > 0) {
                break;
            }
        }
        System.out.printf("    warmed up: unrecorded steps up to %,.0f/s%n", rate);
    }

    /**
     * Where the customers and the agents connect; the same server except in the cluster scenario, whose server CPU
     * is split by process in {@code parts} (name → CPU ns so far; empty for one server).
     */
    record Target(ServerUnderTest customers, ServerUnderTest agents, LongSupplier cpu,
                  Map<String, LongSupplier> parts) {
        Target(ServerUnderTest customers, ServerUnderTest agents) {
            this(customers, agents, customers == agents ? customers::cpuNanos
                    : () -> customers.cpuNanos() + agents.cpuNanos(), Map.of());
        }

        /** The server CPU is that of {@code parts}, every process serving the scenario. */
        Target(ServerUnderTest customers, ServerUnderTest agents, Map<String, LongSupplier> parts) {
            this(customers, agents, () -> parts.values().stream().mapToLong(LongSupplier::getAsLong).sum(), parts);
        }

        /**
         * {@link LoadRig#measure} plus, per part, {@code server_cpu_us_<part>}: its share of the server CPU per event
         * over the same measurement.
         */
        Map<String, Double> measure(LoadRig rig, int sessions, double ratePerSession, Duration duration,
                                    Duration drainTimeout) throws InterruptedException {
            Map<String, Long> before = new LinkedHashMap<>();
            parts.forEach((name, part) -> before.put(name, part.getAsLong()));
            long total0 = cpu.getAsLong();
            Map<String, Double> m = rig.measure(sessions, ratePerSession, duration, drainTimeout, cpu);
            double total = Math.max(1, cpu.getAsLong() - total0);
            parts.forEach((name, part) -> m.put("server_cpu_us_" + name, m.get("server_cpu_us_per_event")
                    * (part.getAsLong() - before.get(name)) / total));
            return m;
        }
    }

    /** Raises the rate until a step fails; returns the figures of the last good step (or the first step's). */
    static Map<String, Double> ramp(BenchOptions options, Fixture fixture, Target target, int sessions,
                                    double startRate) throws Exception {
        Duration step = Duration.ofMillis(Math.max(1000, options.duration().toMillis() / 2));
        double rate = startRate;
        double factor = 1.5;
        Map<String, Double> lastGood = null;
        Map<String, Double> first = null;
        LoadRig rig = null;
        try {
            rig = LoadRig.open(fixture, target.customers().wsUri(), target.agents().wsUri(), sessions,
                    options.addresses(), true, true);
            warmUp(options, rig, sessions, target.cpu());
            rampUnrecorded(options, rig, sessions, target.cpu());
            while (true) {
                if (rig == null || rig.broken()) {
                    if (rig != null) {
                        rig.close();
                        Thread.sleep(1000);
                    }
                    rig = LoadRig.open(fixture, target.customers().wsUri(), target.agents().wsUri(), sessions,
                            options.addresses(), true, true);
                    Thread.sleep(300);
                }
                Map<String, Double> m = target.measure(rig, sessions, rate / sessions, step, Duration.ofSeconds(3));
                first = first == null ? m : first;
                System.out.printf("    %,8.0f/s offered: %,8.0f/s received, p99 %6.2f ms, lost %.0f, reordered %.0f,"
                        + " closed %.0f, server CPU %.1f us/event%n", rate, m.get("events_per_s"), m.get("p99_ms"),
                        m.get("lost"), m.get("reordered"), m.get("broken"), m.get("server_cpu_us_per_event"));
                boolean good = m.get("p99_ms") <= MAX_P99_MS && m.get("lost") == 0 && m.get("reordered") == 0
                        && m.get("broken") == 0;
                if (good) {
                    lastGood = m;
                    rate *= factor;
                } else if (lastGood == null && rate > MIN_RATE) {
                    rate = Math.max(MIN_RATE, rate / 2); // even the first step failed: come down
                    rig.close();
                    rig = null;
                    Thread.sleep(1000);
                } else if (factor > 1.15 && lastGood != null) {
                    factor = factor > 1.3 ? 1.22 : 1.1; // refine twice: the figure is within 10 % of the limit
                    rate = lastGood.get("offered_per_s") * factor;
                    rig.close();
                    rig = null;
                    Thread.sleep(1000);
                } else {
                    break;
                }
            }
        } finally {
            if (rig != null) {
                rig.close();
            }
        }
        return lastGood != null ? lastGood : first;
    }
}
