package org.opencobrowse.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A node in its own JVM process (the real {@code Main}), so that a test can kill it like a crash. Listens on a free
 * port chosen here.
 */
public final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private NodeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code Main} with the flags and waits until its health answers 200. */
    public static NodeProcess start(String... flags) {
        try {
            int port = RedisServer.freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), "org.opencobrowse.Main",
                    "--http.port=" + port, "--http.host=127.0.0.1"));
            command.addAll(List.of(flags));
            Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "node-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            NodeProcess node = new NodeProcess(process, port, log);
            node.awaitHealth(200, Duration.ofSeconds(30));
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + "/cobrowse" + path);
    }

    public URI wsUri() {
        return URI.create("ws://localhost:" + port + "/cobrowse/ws");
    }

    public int health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits until health answers {@code status}; fails with the node's log otherwise. */
    public void awaitHealth(int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (health() == status) {
                return;
            }
            if (!process.isAlive() && status != -1) {
                break;
            }
            Pause.millis(100);
        }
        throw new AssertionError("Health never became " + status + "; node log:\n" + log());
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * Sends SIGTERM, as systemd or a container runtime does to stop a node ({@link Process#destroy()} is SIGTERM on
     * Linux); returns at once. The node drains: see {@link #awaitExit}.
     */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit and returns its exit code; fails with the node's log after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The node did not exit within " + timeout + "; node log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once, like a crash: no drain, no goodbye to Redis. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
