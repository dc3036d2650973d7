package org.opencobrowse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerProcess} (node or bare forwarder) started by the bench, with its CPU time read from the OS and its
 * heap asked for over stdin. Both kinds run with the same JVM options; its output goes to a log file.
 */
final class ServerUnderTest implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final String label;
    private final int port;
    private final Path log;

    private ServerUnderTest(String label, Process process, Path log) throws Exception {
        this.label = label;
        this.process = process;
        this.log = log;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "bench-" + label + "-output");
        reader.setDaemon(true);
        reader.start();
        String first = replies.poll(60, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException(label + " did not start; see " + log);
        }
        this.port = Integer.parseInt(first.substring(5).trim());
    }

    /** A co-browse node with the bench's relaxed limits plus {@code extraOptions}. */
    static ServerUnderTest node(String label, BenchOptions options, String... extraOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("node", "--http.port=0", "--http.host=127.0.0.1",
                "--node.name=" + label, "--limits.connectionsPerAddress=1000000", "--limits.eventsPerSecond=1000000",
                "--limits.failedLookups=1000000", "--session.maxSessions=1000000", "--shutdown.timeout=1s"));
        args.addAll(List.of(extraOptions));
        return start(label, options, args);
    }

    static ServerUnderTest forwarder(BenchOptions options) throws Exception {
        return start("forwarder", options, List.of("forwarder"));
    }

    private static ServerUnderTest start(String label, BenchOptions options, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx" + options.serverHeap(), "-XX:+UseG1GC",
                "-XX:MaxDirectMemorySize=1g", "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"));
        command.addAll(options.serverJvmArgs());
        if (options.jfr()) {
            Path jfr = options.output().toAbsolutePath().resolveSibling("bench-" + label + "-" + System.nanoTime()
                    + ".jfr");
            Files.createDirectories(jfr.getParent());
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.toAbsolutePath());
            System.out.println("JFR recording of " + label + ": " + jfr);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName()));
        command.addAll(args);
        Path log = Files.createTempFile("cobrowse-bench-" + label + "-", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ServerUnderTest(label, process, log);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer logFile = Files.newBufferedWriter(log.resolveSibling(
                        log.getFileName() + ".out"))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ") || line.startsWith("HEAP ")) {
                    replies.add(line);
                } else {
                    logFile.write(line);
                    logFile.write('\n');
                }
            }
        } catch (IOException ended) {
            // the process exited
        }
    }

    String label() {
        return label;
    }

    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port + "/cobrowse/ws");
    }

    /** CPU time the server process used so far (all its threads: I/O, handlers, GC, JIT), in ns. */
    long cpuNanos() {
        return cpuNanos(process);
    }

    static long cpuNanos(Process process) {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Used heap after two full GCs, in bytes. */
    synchronized long heapAfterGc() throws InterruptedException {
        commands.println("heap");
        String reply = replies.poll(60, TimeUnit.SECONDS);
        if (reply == null) {
            throw new IllegalStateException(label + " did not report its heap");
        }
        return Long.parseLong(reply.substring(5).trim());
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
