package org.opencobrowse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real WebSocket client for the realtime protocol: sends frames, waits for replies and notifications, and reports
 * how the server closed the socket.
 */
public final class WsClient implements AutoCloseable, Session.Listener.AutoDemanding {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final WebSocketClient CLIENT = startClient();

    private final List<JsonNode> frames = new ArrayList<>();
    private final List<String> rawFrames = new ArrayList<>();
    private int nextId = 1;
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private Session session;

    private static WebSocketClient startClient() {
        try {
            WebSocketClient client = new WebSocketClient();
            client.setMaxTextMessageSize(64 << 20);
            client.setIdleTimeout(Duration.ofMinutes(2));
            client.start();
            return client;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static WsClient connect(URI uri) {
        return connect(uri, java.util.Map.of());
    }

    /** Connects, sending {@code origin} as the Origin header when not null. */
    public static WsClient connect(URI uri, String origin) {
        return connect(uri, origin == null ? java.util.Map.of() : java.util.Map.of("Origin", origin));
    }

    /** Connects with extra upgrade request headers (Origin, Cookie, ...). */
    public static WsClient connect(URI uri, java.util.Map<String, String> headers) {
        WsClient ws = new WsClient();
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
        headers.forEach(upgrade::setHeader);
        try {
            ws.session = CLIENT.connect(ws, uri, upgrade).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket connect failed: " + e.getMessage(), e);
        }
        return ws;
    }

    /** Sends a request with a fresh id and waits for its reply ({@code TYPE.ok} or {@code error}). */
    public JsonNode request(String type, Object... fields) {
        int id = nextId++;
        ObjectNode frame = JSON.createObjectNode().put("type", type).put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            frame.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        send(frame.toString());
        return await(f -> f.path("id").asInt(-1) == id);
    }

    public void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    public void sendBinary(byte[] bytes) {
        session.sendBinary(java.nio.ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    /** Waits for the next unread frame of {@code type} (frames before it stay unread). */
    public JsonNode await(String type) {
        return await(f -> f.path("type").asText().equals(type));
    }

    public synchronized JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (int i = 0; i < frames.size(); i++) {
                if (match.test(frames.get(i))) {
                    JsonNode found = frames.remove(i);
                    rawFrames.remove(i);
                    return found;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching frame within " + WAIT + "; unread: " + frames);
            }
            try {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every frame received and not yet awaited, as text. */
    public synchronized List<String> unreadRaw() {
        return List.copyOf(rawFrames);
    }

    public synchronized List<JsonNode> unread() {
        return List.copyOf(frames);
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose() {
        try {
            return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The socket was not closed within " + WAIT, e);
        }
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public synchronized void onWebSocketText(String message) {
        try {
            frames.add(JSON.readTree(message));
            rawFrames.add(message);
        } catch (Exception e) {
            frames.add(JSON.createObjectNode().put("type", "unparseable").put("text", message));
            rawFrames.add(message);
        }
        notifyAll();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeCode.complete(statusCode);
    }

    @Override
    public void close() {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }

}
