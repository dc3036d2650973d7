package org.opencobrowse.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code ./cobrowse bench}: {@code --runs=N} (default 5; medians are printed), {@code --duration=SECONDS}
 * measured per cell after a one-second warm-up (default 5), {@code --sessions=N} (overrides a scenario's session
 * count), {@code --addresses=N} loopback source addresses 127.0.0.1.. for the clients (default 8),
 * {@code --json=FILE} (default target/bench/SCENARIO-TIME.json), {@code --server-heap=SIZE} for the server JVMs
 * (default 2g), {@code --jfr} (a Java Flight Recording of every server JVM, next to the JSON file), {@code --deflate}
 * (clients offer permessage-deflate as browsers do; off by default), {@code --server-jvm=ARG} (an extra JVM argument
 * for every server process, repeatable, e.g. {@code --server-jvm=-Dsome.flag=x}), {@code --warmup=SECONDS} of load
 * at a rate every server sustains before a throughput ramp and before the latency cells (default 15), so that they
 * measure a server whose JIT has compiled its hot paths rather than one still compiling on the same two cores.
 */
record BenchOptions(int runs, Duration duration, int sessions, int addresses, Path output, String serverHeap,
                    boolean jfr, boolean deflate, List<String> serverJvmArgs, Duration warmup) {

    static BenchOptions parse(String scenario, String[] args) {
        int runs = 5;
        Duration duration = Duration.ofSeconds(5);
        int sessions = 0;
        int addresses = 8;
        Path output = null;
        String heap = "2g";
        boolean jfr = false;
        boolean deflate = false;
        List<String> serverJvmArgs = new ArrayList<>();
        Duration warmup = Duration.ofSeconds(15);
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                case "--runs" -> runs = Integer.parseInt(value);
                case "--duration" -> duration = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                case "--sessions" -> sessions = Integer.parseInt(value);
                case "--addresses" -> addresses = Integer.parseInt(value);
                case "--json" -> output = Path.of(value);
                case "--server-heap" -> heap = value;
                case "--jfr" -> jfr = true;
                case "--deflate" -> deflate = true;
                case "--server-jvm" -> serverJvmArgs.add(value);
                case "--warmup" -> warmup = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                default -> throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (output == null) {
            String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            output = Path.of("target", "bench", scenario + "-" + time + ".json");
        }
        return new BenchOptions(runs, duration, sessions, addresses, output, heap, jfr, deflate,
                List.copyOf(serverJvmArgs), warmup);
    }

    /** The scenario's own session count unless {@code --sessions} overrides it. */
    int sessionsOr(int scenarioDefault) {
        return sessions > 0 ? sessions : scenarioDefault;
    }
}
