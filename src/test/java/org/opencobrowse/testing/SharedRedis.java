package org.opencobrowse.testing;

import java.time.Duration;
import org.opencobrowse.cluster.RedisConnector;

/**
 * One redis-server for the whole test run (started on first use, killed when the JVM exits), flushed by the tests
 * that use it. Tests that crash or restart Redis start their own {@link RedisServer} instead.
 */
public final class SharedRedis {
    private static RedisServer server;

    private SharedRedis() {
    }

    public static synchronized RedisServer server() {
        if (server == null) {
            server = RedisServer.start();
            RedisServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::kill));
        }
        return server;
    }

    /** A new connection (as one node would have), to a flushed or shared database as the caller chooses. */
    public static RedisConnector connect() {
        return RedisConnector.connect(server().uri(), false, Duration.ofSeconds(2));
    }

    public static void flush() {
        try (RedisConnector redis = connect()) {
            redis.sync().flushall();
        }
    }
}
