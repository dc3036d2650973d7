package org.opencobrowse.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario c: as many connected idle sessions (customer + agent; the customer sends no DOM, not even when asked for
 * a snapshot, so this is the cost of the sockets and the session itself) as the file-descriptor limit allows,
 * up to 50,000, opened from several 127.0.0.x source addresses. Measures the server's heap per session (used heap
 * after GC, before and after) and its CPU while idle, over at least one cycle of the node's pings (every 20 s),
 * starting 30 s after the set-up so that the JIT has finished compiling the join path.
 */
final class IdleBench {
    static final String NAME = "idle";
    private static final int TARGET_SESSIONS = 50_000;
    /** Descriptors kept free for the JVM, logs, set-up sockets. */
    private static final long SPARE_DESCRIPTORS = 1_000;

    private IdleBench() {
    }

    /** Sessions this process can hold: each takes two sockets on the client side and two on the server side. */
    static int reachableSessions() {
        long limit = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        return (int) Math.min(TARGET_SESSIONS, Math.max(100, (limit - SPARE_DESCRIPTORS) / 2));
    }

    /** Quiet time between the set-up and the idle window. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    static void run(BenchOptions options, Fixture fixture, Report report) throws Exception {
        int sessions = options.sessionsOr(reachableSessions());
        // At least one whole ping cycle (realtime.pingInterval, 20 s by default) inside the window.
        Duration idle = options.duration().compareTo(Duration.ofSeconds(20)) < 0 ? Duration.ofSeconds(20)
                : options.duration();
        report.note("idle", "sessions limited by the open-file limit (ulimit -n) of one process: "
                + reachableSessions() + " reachable here; default ping interval (20 s); idle CPU over " + idle.toSeconds()
                + " s, " + SETTLE.toSeconds() + " s after the set-up");
        String cell = sessions + " sessions";
        for (int run = 0; run < options.runs(); run++) {
            for (int kind = 0; kind < 2; kind++) {
                try (ServerUnderTest server = kind == 0 ? ServerUnderTest.forwarder(options)
                        : ServerUnderTest.node("node", options)) {
                    long heapBefore = server.heapAfterGc();
                    long start = System.nanoTime();
                    try (LoadRig rig = LoadRig.open(fixture, server.wsUri(), server.wsUri(), sessions,
                            options.addresses(), true, false)) {
                        double setUpSeconds = (System.nanoTime() - start) / 1e9;
                        // The JIT goes on compiling the join path for many seconds after the set-up burst (2.5 s
                        // of C2 time seen inside the window on 2 cores): that is start-up cost, not idle cost.
                        Thread.sleep(SETTLE.toMillis());
                        long heapAfter = server.heapAfterGc();
                        long cpu0 = server.cpuNanos();
                        Thread.sleep(idle.toMillis());
                        long cpu1 = server.cpuNanos();
                        Map<String, Double> m = new LinkedHashMap<>();
                        m.put("sessions", (double) sessions);
                        m.put("connected", rig.broken() ? 0.0 : (double) sessions);
                        m.put("set_up_s", setUpSeconds);
                        m.put("heap_mb", heapAfter / 1048576.0);
                        m.put("heap_kb_per_session", (heapAfter - heapBefore) / 1024.0 / sessions);
                        m.put("idle_cpu_pct", (cpu1 - cpu0) * 100.0 / idle.toNanos());
                        report.add(NAME, cell, server.label(), m);
                        System.out.printf("  run %d %-9s %d sessions in %.1f s, %.1f KB/session, idle CPU %.2f %%%n",
                                run + 1, server.label(), sessions, setUpSeconds, m.get("heap_kb_per_session"),
                                m.get("idle_cpu_pct"));
                    }
                }
            }
        }
        Report.Row node = report.row(NAME, cell, "node");
        report.check(NAME, ">= 50,000 sessions per node", String.format("%s connected of %,d tried (at most %,d here:"
                + " open-file limit)", Report.format(node.median("connected")), sessions, reachableSessions()), node.median("connected") >= 50_000);
        double kb = node.median("heap_kb_per_session");
        report.check(NAME, "heap <= 20 KB per session", String.format("%.1f KB", kb), kb <= 20);
        double cpu = node.median("idle_cpu_pct");
        report.check(NAME, "idle CPU < 5 % of a core", String.format("%.2f %%", cpu), cpu < 5);
        report.print(NAME, "c. Idle capacity (customer + agent per session, node pings every 20 s)", List.of(
                "connected", "set_up_s", "heap_mb", "heap_kb_per_session", "idle_cpu_pct"));
    }
}
