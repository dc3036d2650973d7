package org.opencobrowse.bench;

/** {@code ./cobrowse bench <scenario> [--runs=N]}: benchmarks that print figures (not part of the tests). */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("""
                    Usage: ./cobrowse bench <scenario> [--runs=N]
                    Scenarios:
                      cluster-latency   extra latency of relaying across Redis (customer on node A, agent on node B)
                                        over a same-node relay; needs redis-server on the PATH""");
            return;
        }
        int runs = 5;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--runs=")) {
                runs = Integer.parseInt(args[i].substring("--runs=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument: " + args[i]);
            }
        }
        switch (args[0]) {
            case "cluster-latency" -> ClusterLatencyBench.run(runs);
            default -> throw new IllegalArgumentException("Unknown scenario: " + args[0]);
        }
        System.exit(0);
    }
}
