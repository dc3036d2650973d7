package org.opencobrowse.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A WebSocket client for fuzzing: sends any text, keeps every received frame until {@link #drain}ed (so thousands of
 * replies do not pile up), and tells how and whether the server closed the socket.
 */
public final class FuzzSocket implements Session.Listener.AutoDemanding, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final WebSocketClient CLIENT = startClient();

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile Session session;

    private static WebSocketClient startClient() {
        try {
            WebSocketClient client = new WebSocketClient();
            client.setMaxTextMessageSize(64 << 20);
            client.setMaxBinaryMessageSize(64 << 20);
            client.setIdleTimeout(Duration.ofMinutes(2));
            client.start();
            return client;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static FuzzSocket connect(URI uri) {
        return connect(uri, java.util.Map.of());
    }

    /** Connects with extra upgrade request headers (e.g. X-Forwarded-For). */
    static FuzzSocket connect(URI uri, java.util.Map<String, String> headers) {
        FuzzSocket socket = new FuzzSocket();
        org.eclipse.jetty.websocket.client.ClientUpgradeRequest upgrade =
                new org.eclipse.jetty.websocket.client.ClientUpgradeRequest();
        headers.forEach(upgrade::setHeader);
        try {
            socket.session = CLIENT.connect(socket, uri, upgrade).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket connect failed: " + e.getMessage(), e);
        }
        return socket;
    }

    void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    /** Sends a frame and waits for the reply whose id is {@code id}; other frames stay for {@link #drain}. */
    JsonNode request(String frame, String id, Duration wait) {
        send(frame);
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> before = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String text = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (text == null) {
                    return null;
                }
                JsonNode node = JSON.readTree(text);
                if (node.path("id").asText("").equals(id)) {
                    return node;
                }
                before.add(text);
            }
        } catch (Exception e) {
            throw new AssertionError("Waiting for reply " + id + ": " + e, e);
        } finally {
            received.addAll(before); // their order does not matter to the checks
        }
    }

    /** The next frame received, waiting up to {@code wait}; null if none came. */
    String poll(Duration wait) {
        try {
            return received.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every frame received so far, removed from the socket. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    boolean isOpen() {
        return session != null && session.isOpen() && !closeCode.isDone();
    }

    /** The close code the server sent, waiting up to {@code wait}; null if still open. */
    Integer closeCode(Duration wait) {
        try {
            return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void onWebSocketText(String message) {
        received.add(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeCode.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeCode.complete(-1);
    }

    @Override
    public void close() {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
