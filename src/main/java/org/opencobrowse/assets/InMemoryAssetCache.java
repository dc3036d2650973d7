package org.opencobrowse.assets;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The asset cache of a single node: least recently used entries go first once {@code assets.cacheSize} bytes are held,
 * and every entry expires {@code assets.cacheTtl} after it was stored.
 */
public final class InMemoryAssetCache implements AssetCache {
    private record Entry(Asset asset, long expiresAt) {
    }

    private final long maxBytes;
    private final long ttlMillis;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    /** Bytes uploaded per session, with the time the count started: it starts over after the TTL. */
    private final Map<String, long[]> uploaded = new java.util.HashMap<>();
    private long bytes;

    public InMemoryAssetCache(long maxBytes, Duration ttl, Clock clock) {
        this.maxBytes = maxBytes;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Asset> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAt() <= clock.millis()) {
            remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.asset());
    }

    @Override
    public synchronized void put(String key, Asset asset) {
        long size = asset.body().length;
        if (size > maxBytes) {
            return;
        }
        remove(key);
        entries.put(key, new Entry(asset, clock.millis() + ttlMillis));
        bytes += size;
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().getValue().asset().body().length;
            oldest.remove();
        }
    }

    @Override
    public synchronized long addUploaded(String sessionToken, long bytes) {
        long now = clock.millis();
        uploaded.values().removeIf(count -> count[1] + ttlMillis <= now);
        long[] count = uploaded.computeIfAbsent(sessionToken, t -> new long[] {0, now});
        count[0] += bytes;
        return count[0];
    }

    /** Bytes held now (for tests and metrics). */
    public synchronized long bytes() {
        return bytes;
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.asset().body().length;
        }
    }
}
