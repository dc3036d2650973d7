package org.opencobrowse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.cluster.RedisKeys;
import org.opencobrowse.store.EventBuffer.Pending;
import org.opencobrowse.testing.SharedRedis;

/**
 * Every key of a session's buffer in Redis expires, although the script renews expiry only when a key is created, on a
 * snapshot and every 64th frame: whatever the batches, nothing is left without a TTL.
 */
class RedisEventBufferExpiryTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    @Test
    void everyKeyExpiresWhateverTheBatches() throws Exception {
        try (RedisConnector redis = SharedRedis.connect()) {
            RedisEventBuffer buffer = new RedisEventBuffer(redis, 1 << 20, TTL);
            String token = "ttl" + System.nanoTime();
            // A frame before any snapshot is numbered but not kept: the counters exist, the list does not.
            buffer.appendAll(token, List.of(new Pending(false, "[0]"))).toCompletableFuture().get();
            assertExpiring(redis, RedisKeys.eventSeq(token), RedisKeys.eventBytes(token));
            assertThat(redis.sync().exists(RedisKeys.events(token))).isZero();

            buffer.appendAll(token, List.of(new Pending(true, "[1]"))).toCompletableFuture().get();
            for (int batch = 1; batch <= 40; batch++) {
                List<Pending> frames = new ArrayList<>();
                for (int i = 0; i < batch % 7 + 1; i++) {
                    frames.add(new Pending(false, "[" + batch + "]"));
                }
                buffer.appendAll(token, frames).toCompletableFuture().get();
                assertExpiring(redis, RedisKeys.events(token), RedisKeys.eventSeq(token), RedisKeys.eventBytes(token));
            }
            assertThat(buffer.frames(token)).hasSizeGreaterThan(100);
            assertThat(buffer.size(token)).isPositive();
        }
    }

    private static void assertExpiring(RedisConnector redis, String... keys) {
        for (String key : keys) {
            assertThat(redis.sync().pttl(key)).as(key).isPositive().isLessThanOrEqualTo(TTL.toMillis());
        }
    }
}
