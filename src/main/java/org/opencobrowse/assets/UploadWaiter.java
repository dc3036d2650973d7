package org.opencobrowse.assets;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a customer's upload that is on its way: the mirrored page references an asset as soon as the snapshot
 * is sent, while the script is still reading and uploading it. Polls the cache (shared by the cluster's nodes with
 * Redis) every {@value #POLL_MILLIS} ms, without holding a request thread, up to a bound.
 */
final class UploadWaiter implements AutoCloseable {
    static final long POLL_MILLIS = 100;

    private final AssetCache cache;
    private final long maxWaitMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cobrowse-asset-uploads");
        t.setDaemon(true);
        return t;
    });

    UploadWaiter(AssetCache cache, long maxWaitMillis) {
        this.cache = cache;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** The asset under {@code key} once it is there, or empty after the wait. */
    CompletableFuture<Optional<Asset>> await(String key) {
        Optional<Asset> now = cache.get(key);
        if (now.isPresent()) {
            return CompletableFuture.completedFuture(now);
        }
        CompletableFuture<Optional<Asset>> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        poll(key, deadline, result);
        return result;
    }

    private void poll(String key, long deadline, CompletableFuture<Optional<Asset>> result) {
        try {
            timer.schedule(() -> {
                Optional<Asset> found = cache.get(key);
                if (found.isPresent() || System.nanoTime() >= deadline) {
                    result.complete(found);
                } else {
                    poll(key, deadline, result);
                }
            }, POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
            result.complete(Optional.empty());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
