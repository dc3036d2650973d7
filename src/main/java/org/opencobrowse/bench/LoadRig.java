package org.opencobrowse.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * A set of {@link LoadSession}s against one server (or a customer node and an agent node) and the open-loop sender
 * that drives them: frames leave at a fixed total rate, spread evenly over the sessions, whatever the replies. A
 * measurement returns its figures as named values (see {@link #measure}).
 */
final class LoadRig implements AutoCloseable {
    private static final int SET_UP_THREADS = 8;

    private final List<LoadSession> sessions;
    private volatile boolean stopRequested;

    private LoadRig(List<LoadSession> sessions) {
        this.sessions = sessions;
    }

    /** Opens {@code count} sessions (customer + agent each), spread over {@code addresses} source addresses. */
    static LoadRig open(Fixture fixture, URI customerUri, URI agentUri, int count, int addresses, boolean withAgent,
                        boolean withDom) throws Exception {
        ExecutorService setUp = Executors.newFixedThreadPool(SET_UP_THREADS);
        try {
            List<Future<LoadSession>> opening = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int address = i % Math.max(1, addresses);
                opening.add(setUp.submit(() -> LoadSession.open(fixture, customerUri, agentUri, address, withAgent,
                        withDom)));
            }
            List<LoadSession> sessions = new ArrayList<>(count);
            for (Future<LoadSession> s : opening) {
                sessions.add(s.get());
            }
            return new LoadRig(sessions);
        } finally {
            setUp.shutdown();
        }
    }

    int size() {
        return sessions.size();
    }

    boolean broken() {
        return sessions.stream().anyMatch(LoadSession::broken);
    }

    /**
     * Sends {@code ratePerSession} frames per second on each of the first {@code count} sessions for a one-second
     * warm-up plus {@code duration}, waits up to {@code drainTimeout} for the stragglers, and returns: sent,
     * received, lost, reordered (window only), p50/p90/p99/p99.9/max latency in ms, events_per_s (received in the
     * window per second), server_cpu_us_per_event (CPU of {@code serverCpu} over the whole measurement divided by
     * every frame relayed meanwhile), client_cpu_us_per_event, jitter p50/p99/max in µs, broken (1 if a socket was
     * closed).
     */
    Map<String, Double> measure(int count, double ratePerSession, Duration duration, Duration drainTimeout,
                                LongSupplier serverCpu) throws InterruptedException {
        List<LoadSession> active = sessions.subList(0, Math.min(count, sessions.size()));
        long start = System.nanoTime() + 20_000_000L;
        Probe probe = new Probe(start + 1_000_000_000L);
        active.forEach(s -> s.use(probe));
        long end = probe.measureFrom + duration.toNanos();
        double interval = 1e9 / (ratePerSession * active.size());
        JitterProbe jitter = new JitterProbe();
        long serverCpu0 = serverCpu.getAsLong();
        long clientCpu0 = clientCpuNanos();
        long i = 0;
        int n = active.size();
        while (true) {
            long intended = start + (long) (i * interval);
            if (intended >= end || stopRequested) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
            active.get((int) (i % n)).sendNext(intended);
            i++;
        }
        long drainDeadline = System.nanoTime() + drainTimeout.toNanos();
        while (probe.received.sum() < probe.sent.sum() && System.nanoTime() < drainDeadline) {
            Thread.sleep(5);
        }
        long serverCpu1 = serverCpu.getAsLong();
        long clientCpu1 = clientCpuNanos();
        Histogram jitterMicros = jitter.stop();
        Map<String, Double> m = new LinkedHashMap<>();
        long sent = probe.sent.sum();
        long received = probe.received.sum();
        long relayed = Math.max(1, probe.receivedAll.sum());
        Histogram h = probe.latencyMicros;
        m.put("sessions", (double) n);
        m.put("offered_per_s", ratePerSession * n);
        m.put("sent", (double) sent);
        m.put("received", (double) received);
        m.put("lost", (double) Math.max(0, sent - received));
        m.put("reordered", (double) probe.reordered.sum());
        m.put("events_per_s", received / (duration.toNanos() / 1e9));
        m.put("p50_ms", h.getValueAtPercentile(50) / 1000.0);
        m.put("p90_ms", h.getValueAtPercentile(90) / 1000.0);
        m.put("p99_ms", h.getValueAtPercentile(99) / 1000.0);
        m.put("p99.9_ms", h.getValueAtPercentile(99.9) / 1000.0);
        m.put("max_ms", h.getMaxValue() / 1000.0);
        m.put("server_cpu_us_per_event", (serverCpu1 - serverCpu0) / 1000.0 / relayed);
        m.put("client_cpu_us_per_event", (clientCpu1 - clientCpu0) / 1000.0 / relayed);
        m.put("jitter_p50_us", (double) jitterMicros.getValueAtPercentile(50));
        m.put("jitter_p99_us", (double) jitterMicros.getValueAtPercentile(99));
        m.put("jitter_max_us", (double) jitterMicros.getMaxValue());
        m.put("broken", broken() ? 1.0 : 0.0);
        return m;
    }

    /** Ends a running {@link #measure} early (from another thread): it stops sending and drains. */
    void stop() {
        stopRequested = true;
    }

    /** CPU time of this (client) JVM so far, in ns. */
    static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() {
        for (LoadSession s : sessions) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // already closed by the server
            }
        }
    }
}
