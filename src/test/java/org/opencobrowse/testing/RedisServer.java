package org.opencobrowse.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} started by a test on a free port, without persistence (as on the project's machines).
 * It can be stopped and started again on the same port, empty, to test outages.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private final boolean tls;
    private Process process;

    private RedisServer(int port, Path dir, List<String> extraArgs, boolean tls) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
        this.tls = tls;
    }

    public static RedisServer start() {
        return start(List.of());
    }

    public static RedisServer start(List<String> extraArgs) {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-");
            RedisServer server = new RedisServer(freePort(), dir, extraArgs, false);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server that speaks TLS only, with {@code files}' server certificate, and requires client certificates of its
     * CA ({@code tls-auth-clients yes}, Redis' default); {@link #uri} is then a rediss:// URI.
     */
    public static RedisServer startTls(TlsFiles files) {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-tls-");
            RedisServer server = new RedisServer(freePort(), dir, List.of("--tls-cert-file",
                    files.serverCert().toString(), "--tls-key-file", files.serverKey().toString(),
                    "--tls-ca-cert-file", files.caCert().toString(), "--tls-auth-clients", "yes"), true);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
    }

    /** Kills the server (like a crash): everything it held is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same port, empty. */
    public void restart() {
        startProcess();
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of("redis-server", tls ? "--tls-port" : "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--protected-mode", "no"));
        if (tls) {
            command.addAll(List.of("--port", "0")); // no plain-text port
        }
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server could not start (is it installed?)", e);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (tls ? acceptsConnections() : answersPing()) {
                return;
            }
            Pause.millis(50);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply, StandardCharsets.US_ASCII)
                    .startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** A TLS port cannot be pinged in plain text: listening is enough (the log says when it is ready). */
    private boolean acceptsConnections() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }


    @Override
    public void close() {
        kill();
    }
}
