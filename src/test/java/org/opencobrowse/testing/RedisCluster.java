package org.opencobrowse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A real 3-master Redis Cluster on free ports, made with {@code redis-cli --cluster create}. */
public final class RedisCluster implements AutoCloseable {
    private final List<RedisServer> masters;

    private RedisCluster(List<RedisServer> masters) {
        this.masters = masters;
    }

    public static RedisCluster start() {
        List<RedisServer> masters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            masters.add(RedisServer.start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000")));
        }
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        masters.forEach(m -> command.add("127.0.0.1:" + m.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(create.getInputStream().readAllBytes());
            if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
            waitUntilOk(masters.get(0).port());
            return new RedisCluster(masters);
        } catch (Exception e) {
            masters.forEach(RedisServer::close);
            throw new IllegalStateException("Redis Cluster did not form", e);
        }
    }

    /** Seeds for {@code redis.uri}: every master, comma-separated. */
    public String uris() {
        return masters.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    public List<RedisServer> masters() {
        return masters;
    }

    private static void waitUntilOk(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Process info = new ProcessBuilder("redis-cli", "-p", String.valueOf(port), "cluster", "info").start();
            String out = new String(info.getInputStream().readAllBytes());
            info.waitFor();
            if (out.contains("cluster_state:ok")) {
                return;
            }
            Pause.millis(100);
        }
        throw new IllegalStateException("cluster_state never became ok");
    }

    @Override
    public void close() {
        masters.forEach(RedisServer::close);
    }
}
