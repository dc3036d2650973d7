package org.opencobrowse.bench;

import org.HdrHistogram.Histogram;

/**
 * Runs beside a measurement and records how much later than asked a {@code Thread.sleep(1)} wakes up, in
 * microseconds: the scheduling noise of the machine at that moment (the clients and servers share 2 cores).
 */
final class JitterProbe implements AutoCloseable {
    private final Histogram overshootMicros = new Histogram(1, 10_000_000L, 3);
    private final Thread thread;
    private volatile boolean running = true;

    JitterProbe() {
        thread = new Thread(this::loop, "bench-jitter");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            long start = System.nanoTime();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
            long overshoot = (System.nanoTime() - start - 1_000_000) / 1000;
            synchronized (overshootMicros) {
                overshootMicros.recordValue(Math.max(1, Math.min(overshoot, 10_000_000L)));
            }
        }
    }

    /** Stops the probe and returns its overshoot histogram. */
    Histogram stop() throws InterruptedException {
        running = false;
        thread.join();
        return overshootMicros;
    }

    @Override
    public void close() {
        running = false;
    }
}
