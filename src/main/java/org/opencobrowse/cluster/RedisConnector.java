package org.opencobrowse.cluster;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.opencobrowse.config.RedisConfig;

/**
 * The node's connections to Redis, standalone ({@code redis://}, {@code rediss://}) or Redis Cluster (several
 * comma-separated seed URIs, or {@code redis.cluster=true}). One command connection, shared (Lettuce connections are
 * thread-safe), and one pub/sub connection. While Redis is unreachable, commands fail at once instead of queueing, so
 * the node can report itself unhealthy and keep its local sessions running (on Redis Cluster, they wait at most the
 * command timeout, as connections to the members open lazily).
 *
 * <p>Commands written while Lettuce's I/O thread reads replies are flushed once, at the end of that read
 * ({@link FlushConsolidationHandler}), not once each: the next batches of many sessions, sent as the replies to their
 * previous ones complete, leave in one system call and reach Redis together. Other writes are flushed at once.
 */
public final class RedisConnector implements AutoCloseable {
    private final AutoCloseable client;
    private final StatefulConnection<String, String> commands;
    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterAsyncCommands<String, String> async;
    private final StatefulRedisPubSubConnection<String, String> pubSub;

    private RedisConnector(AutoCloseable client, StatefulConnection<String, String> commands,
                           RedisClusterCommands<String, String> sync, RedisClusterAsyncCommands<String, String> async,
                           StatefulRedisPubSubConnection<String, String> pubSub) {
        this.client = client;
        this.commands = commands;
        this.sync = sync;
        this.async = async;
        this.pubSub = pubSub;
    }

    /** Connects without TLS settings (the JVM's trust store for rediss://); see {@link #connect(RedisConfig)}. */
    public static RedisConnector connect(String uriList, boolean cluster, Duration timeout) {
        return connect(RedisConfig.of(uriList, cluster, timeout));
    }

    /** Connects; throws when Redis cannot be reached at start-up (or its TLS handshake fails). */
    public static RedisConnector connect(RedisConfig config) {
        if (config.uris().isEmpty()) {
            throw new IllegalArgumentException("No Redis URI to connect to");
        }
        Duration timeout = config.timeout();
        List<RedisURI> uris;
        try {
            uris = config.uris().stream().map(RedisURI::create).peek(u -> u.setTimeout(timeout)).toList();
        } catch (RuntimeException invalid) { // its message may quote the URI, password included
            throw new IllegalArgumentException("Invalid Redis URI in " + RedisConfig.withoutPasswords(
                    config.uri().orElse("")) + " (" + invalid.getClass().getSimpleName() + ")");
        }
        TimeoutOptions timeouts = TimeoutOptions.builder().fixedTimeout(timeout).build();
        SslOptions ssl = sslOptions(config.tls());
        ClientResources resources = ClientResources.builder().nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                // Only flushes made while replies are read wait (for the end of the read); others go out at once.
                channel.pipeline().addFirst(new FlushConsolidationHandler(256, false));
            }
        }).build();
        boolean clustered = config.cluster() || uris.size() > 1;
        AbstractRedisClient client = clustered ? RedisClusterClient.create(resources, uris)
                : RedisClient.create(resources, uris.get(0));
        Runnable shutdown = () -> {
            client.shutdown();
            resources.shutdown();
        };
        try {
            return clustered ? connectCluster((RedisClusterClient) client, timeouts, ssl, shutdown)
                    : connectStandalone((RedisClient) client, timeouts, ssl, shutdown);
        } catch (RuntimeException unreachable) {
            shutdown.run();
            throw new IllegalStateException("cannot connect to Redis at "
                    + RedisConfig.withoutPasswords(config.uri().orElse("")) + ": " + rootMessage(unreachable),
                    unreachable);
        }
    }

    /** Why a connection failed, from its root cause: a TLS failure's reason sits below Lettuce's generic message. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /**
     * The trust and client certificate for rediss:// URIs; without settings, Lettuce's defaults (the JVM's trust
     * store, no client certificate). Hostnames are verified either way (the URI's default).
     */
    private static SslOptions sslOptions(Optional<RedisConfig.Tls> tls) {
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        tls.ifPresent(settings -> {
            settings.caFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
            settings.certFile().ifPresent(cert -> ssl.keyManager(cert.toFile(), settings.keyFile().orElseThrow()
                    .toFile(), null));
        });
        return ssl.build();
    }

    private static RedisConnector connectCluster(RedisClusterClient client, TimeoutOptions timeouts, SslOptions ssl,
                                                 Runnable shutdown) {
        // Connections to cluster members open lazily, so commands must wait for them (bounded by the timeout).
        client.setOptions(ClusterClientOptions.builder()
                .timeoutOptions(timeouts)
                .sslOptions(ssl)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers().build())
                .build());
        var connection = client.connect();
        return new RedisConnector(shutdown::run, connection, connection.sync(), connection.async(),
                client.connectPubSub());
    }

    private static RedisConnector connectStandalone(RedisClient client, TimeoutOptions timeouts, SslOptions ssl,
                                                    Runnable shutdown) {
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(timeouts)
                .sslOptions(ssl)
                .build());
        var connection = client.connect();
        return new RedisConnector(shutdown::run, connection, connection.sync(), connection.async(),
                client.connectPubSub());
    }

    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return pubSub;
    }

    /** True when Redis answers a PING now. */
    public boolean ping() {
        try {
            return "PONG".equals(sync.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            pubSub.close();
            commands.close();
            client.close();
        } catch (Exception ignored) {
            // shutting down: nothing left to do with a failure here
        }
    }
}
