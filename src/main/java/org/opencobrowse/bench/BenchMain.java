package org.opencobrowse.bench;

import java.util.Arrays;
import java.util.List;

/**
 * {@code ./cobrowse bench <scenario> [options]}: benchmarks that print a table of medians and write the same as JSON
 * (not part of the tests). Servers run in their own JVMs (see {@link ServerProcess}); clients run here.
 */
public final class BenchMain {
    private static final String USAGE = """
            Usage: ./cobrowse bench <scenario> [--runs=N] [--duration=SECONDS] [--sessions=N] [--addresses=N]
                                               [--json=FILE] [--server-heap=SIZE] [--jfr] [--deflate]
                                               [--server-jvm=JVM_ARG ...]
            Scenarios (each against a bare Jetty WebSocket forwarder in the same run):
              throughput        a. max events/s of 10 sessions with p99 <= 50 ms and no loss; CPU per event
              latency           b. 10/100/1000 sessions x 5/20/50 events/s: p50/p99/p99.9, loss, order
              idle              c. idle sessions held (fd limit), heap per session, idle CPU
              late-join         d. 1 MB snapshot + 1,000-frame tail: join to last byte; 100 agents at once
              cluster           e. 2 nodes + redis-server (customer on A, agent on B) vs a single node
              customer          f. customer script in Chromium: bytes/s over the demo flow, 10,000-node snapshot
              all               a to f, one after the other, into one JSON file
              record-fixture    records src/main/resources/bench/demo-flow.jsonl (Chromium on the demo shop)
              cluster-latency   extra latency of relaying across Redis over a same-node relay
            Defaults: --runs=5 (medians), --duration=5 (seconds per measurement, after 1 s warm-up),
            --addresses=8 (client source addresses 127.0.0.1..8), --json=target/bench/SCENARIO-TIME.json,
            --warmup=15 (seconds at 3,000 events/s before each throughput ramp and the latency cells; before a ramp,
                         then unrecorded 1 s steps x1.5 up to the first failing one; 0 skips both)""";

    private BenchMain() {
    }

    private static void runScenario(String scenario, BenchOptions options, Fixture fixture, Report report)
            throws Exception {
        switch (scenario) {
            case ThroughputBench.NAME -> ThroughputBench.run(options, fixture, report);
            case LatencyBench.NAME -> LatencyBench.run(options, fixture, report);
            case IdleBench.NAME -> IdleBench.run(options, fixture, report);
            case LateJoinBench.NAME -> LateJoinBench.run(options, fixture, report);
            case ClusterBench.NAME -> ClusterBench.run(options, fixture, report);
            default -> {
                System.out.println(USAGE);
                throw new IllegalArgumentException("Unknown scenario: " + scenario);
            }
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // client threads would keep a failed bench alive
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println(USAGE);
            return;
        }
        String scenario = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (scenario.equals("cluster-latency")) {
            ClusterLatencyBench.run(BenchOptions.parse(scenario, rest).runs());
            return;
        }
        if (scenario.equals("customer") || scenario.equals("record-fixture")) {
            System.exit(CustomerSideLauncher.run(scenario, rest));
        }
        List<String> scenarios = scenario.equals("all")
                ? List.of(ThroughputBench.NAME, LatencyBench.NAME, IdleBench.NAME, LateJoinBench.NAME,
                ClusterBench.NAME)
                : List.of(scenario);
        BenchOptions options = BenchOptions.parse(scenario, rest);
        BenchClient.offerDeflate = options.deflate();
        Fixture fixture = Fixture.load();
        Report report = new Report();
        report.note("fixture", String.format("%s: %d incremental frames, mean %.0f chars of events each",
                Fixture.RESOURCE, fixture.incrementalFrames(), fixture.meanIncrementalChars()));
        System.out.printf("Bench %s: %d run(s), %d s per measurement, %d CPUs, Java %s%n", scenario, options.runs(),
                options.duration().toSeconds(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        for (String s : scenarios) {
            try {
                runScenario(s, options, fixture, report);
            } catch (IllegalArgumentException unknown) {
                throw unknown;
            } catch (Exception e) {
                // One failed scenario must not lose the figures of the others.
                e.printStackTrace();
                report.note(s + ".failed", String.valueOf(e));
            }
        }
        report.writeJson(options.output(), options, "./cobrowse bench " + String.join(" ", args));
        if (scenario.equals("all")) {
            String json = options.output().toString().replaceFirst("\\.json$", "") + "-customer.json";
            CustomerSideLauncher.run("customer", new String[] {"--runs=" + options.runs(), "--json=" + json});
        }
    }
}
