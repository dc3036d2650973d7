package org.opencobrowse.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one measurement window records: relay latencies (HdrHistogram, microseconds, from the frame's intended send
 * time, so a late sender cannot hide a stall), frames sent and received inside the window, every bench frame received
 * at all (for CPU per relayed frame) and frames that arrived out of order.
 */
final class Probe {
    /** Frames whose intended send time is before this (System.nanoTime) are warm-up: relayed but not recorded. */
    final long measureFrom;
    final Histogram latencyMicros = new ConcurrentHistogram(1, 600_000_000L, 3);
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder receivedAll = new LongAdder();
    final LongAdder reordered = new LongAdder();

    Probe(long measureFrom) {
        this.measureFrom = measureFrom;
    }

    void recordSent(long intendedNanos) {
        if (intendedNanos >= measureFrom) {
            sent.increment();
        }
    }

    void recordReceived(long intendedNanos, long nowNanos) {
        receivedAll.increment();
        if (intendedNanos >= measureFrom) {
            received.increment();
            latencyMicros.recordValue(Math.max(1, Math.min((nowNanos - intendedNanos) / 1000, 600_000_000L)));
        }
    }
}
