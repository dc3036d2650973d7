package org.opencobrowse.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throwaway redis-server on a free loopback port, without persistence, for benchmarks. */
final class LocalRedis implements AutoCloseable {
    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalRedis start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("cobrowse-bench-redis");
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new LocalRedis(process, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start (is it installed?)");
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** CPU time redis-server used so far, in ns. */
    long cpuNanos() {
        return ServerUnderTest.cpuNanos(process);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
