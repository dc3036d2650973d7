package org.opencobrowse.assets;

import java.util.Optional;

/**
 * Where the asset proxy keeps what it fetched and what customers uploaded, for {@code assets.cacheTtl}. Keys come from
 * {@link #publicKey} (fetched without credentials: shareable, once a request has passed the session's checks) and
 * {@link #sessionKey} (a customer's upload: only that session ever reads it). {@link InMemoryAssetCache} serves a
 * single node; {@link RedisAssetCache} is shared by the nodes of a cluster.
 */
public interface AssetCache extends AutoCloseable {
    Optional<Asset> get(String key);

    void put(String key, Asset asset);

    /**
     * Adds {@code bytes} to what session {@code sessionToken} has uploaded within the last {@code assets.cacheTtl} and
     * returns the new total, so that one customer cannot fill a cache shared by every session.
     */
    long addUploaded(String sessionToken, long bytes);

    /** The key of an asset fetched by the proxy without credentials. */
    static String publicKey(String url) {
        return "public:" + url;
    }

    /** The key of an asset uploaded by the customer of session {@code sessionToken}. */
    static String sessionKey(String sessionToken, String url) {
        return "session:" + sessionToken + ":" + url;
    }

    @Override
    default void close() {
    }
}
