package org.opencobrowse.assets;

import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.opencobrowse.cluster.RedisConnector;

/**
 * The asset cache shared by the nodes of a cluster, so an asset uploaded through one node is served by every other:
 * one Redis string per asset, {@code cobrowse:asset:<sha256 of key>} = content type, newline, Base64 body, expiring
 * after {@code assets.cacheTtl}. Redis' own {@code maxmemory} policy bounds the total; a Redis failure is a miss.
 */
public final class RedisAssetCache implements AssetCache {
    private static final String PREFIX = "cobrowse:asset:";

    private final RedisConnector redis;
    private final Duration ttl;
    private final boolean ownsConnection;

    /** @param ownsConnection whether {@link #close} closes {@code redis} */
    public RedisAssetCache(RedisConnector redis, Duration ttl, boolean ownsConnection) {
        this.redis = redis;
        this.ttl = ttl;
        this.ownsConnection = ownsConnection;
    }

    @Override
    public Optional<Asset> get(String key) {
        try {
            String value = redis.sync().get(redisKey(key));
            int newline = value == null ? -1 : value.indexOf('\n');
            if (newline < 0) {
                return Optional.empty();
            }
            return Optional.of(new Asset(value.substring(0, newline),
                    Base64.getDecoder().decode(value.substring(newline + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Asset asset) {
        try {
            redis.sync().set(redisKey(key), asset.contentType() + "\n"
                    + Base64.getEncoder().encodeToString(asset.body()), SetArgs.Builder.px(ttl.toMillis()));
        } catch (RuntimeException e) {
            // not cached: the next request fetches again
        }
    }

    @Override
    public long addUploaded(String sessionToken, long bytes) {
        String key = PREFIX + "uploaded:" + sessionToken;
        try {
            long total = redis.sync().incrby(key, bytes);
            if (total == bytes) {
                redis.sync().pexpire(key, ttl.toMillis()); // the first upload starts the window
            }
            return total;
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // unknown: refuse rather than fill Redis unchecked
        }
    }

    /** Hashed, so that URLs (which can be long and carry anything) never become Redis key names. */
    static String redisKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        if (ownsConnection) {
            redis.close();
        }
    }
}
