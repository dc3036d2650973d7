package org.opencobrowse.security;

/**
 * A token bucket: {@code perSecond} tokens a second on average, bursts up to twice that. Not thread-safe: one socket's
 * frames are handled one at a time.
 */
public final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    public TokenBucket(int perSecond) {
        this.perNano = perSecond / 1e9;
        this.capacity = 2.0 * perSecond;
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    /** Takes one token; false when the bucket is empty. */
    public boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
