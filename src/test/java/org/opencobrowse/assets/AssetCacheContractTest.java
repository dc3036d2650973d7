package org.opencobrowse.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencobrowse.testing.SharedRedis;

/** The same contract for both asset caches: what goes in comes out, per key, until it expires. */
class AssetCacheContractTest {
    enum Kind { IN_MEMORY, REDIS }

    private AssetCache cache;

    private AssetCache cache(Kind kind, Duration ttl) {
        cache = kind == Kind.IN_MEMORY ? new InMemoryAssetCache(1 << 20, ttl, Clock.systemUTC())
                : new RedisAssetCache(SharedRedis.connect(), ttl, true);
        return cache;
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAssetComesBackWithItsTypeAndBytesUnderItsKeyOnly(Kind kind) {
        AssetCache assets = cache(kind, Duration.ofMinutes(1));
        String url = "https://intranet.example.com/logo-" + System.nanoTime() + ".png";
        assets.put(AssetCache.sessionKey("111111111", url), new Asset("image/png", AssetProxyTest.PNG));

        assertThat(assets.get(AssetCache.sessionKey("111111111", url))).hasValueSatisfying(a -> {
            assertThat(a.contentType()).isEqualTo("image/png");
            assertThat(a.body()).isEqualTo(AssetProxyTest.PNG);
        });
        assertThat(assets.get(AssetCache.sessionKey("222222222", url))).as("another session's key").isEmpty();
        assertThat(assets.get(AssetCache.publicKey(url))).as("the public key of the same URL").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAssetExpiresAfterTheTtl(Kind kind) throws Exception {
        AssetCache assets = cache(kind, Duration.ofMillis(300));
        String key = AssetCache.publicKey("https://cdn.example.com/" + System.nanoTime());
        assets.put(key, new Asset("font/woff2", AssetProxyTest.WOFF2));
        assertThat(assets.get(key)).isPresent();
        Thread.sleep(600);
        assertThat(assets.get(key)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void uploadedBytesAddUpPerSession(Kind kind) {
        AssetCache assets = cache(kind, Duration.ofMinutes(1));
        String session = String.valueOf(System.nanoTime() % 1_000_000_000L);
        assertThat(assets.addUploaded(session, 100)).isEqualTo(100);
        assertThat(assets.addUploaded(session, 250)).isEqualTo(350);
        assertThat(assets.addUploaded(session + "x", 10)).isEqualTo(10);
    }

    @org.junit.jupiter.api.Test
    void theInMemoryCacheDropsTheLeastRecentlyUsedPastItsByteCap() {
        InMemoryAssetCache assets = new InMemoryAssetCache(1000, Duration.ofMinutes(1), Clock.systemUTC());
        cache = assets;
        assets.put("a", new Asset("image/png", new byte[400]));
        assets.put("b", new Asset("image/png", new byte[400]));
        assets.get("a");
        assets.put("c", new Asset("image/png", new byte[400]));
        assets.put("too-big", new Asset("image/png", new byte[1001]));

        assertThat(assets.get("a")).isPresent();
        assertThat(assets.get("b")).as("least recently used").isEmpty();
        assertThat(assets.get("c")).isPresent();
        assertThat(assets.get("too-big")).isEmpty();
        assertThat(assets.bytes()).isEqualTo(800);
    }

}
