package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.opencobrowse.realtime.Json;

/** A minimal realtime-protocol client for benchmarks: request/reply for set-up, a callback for every other frame. */
public final class BenchClient implements Session.Listener.AutoDemanding, AutoCloseable {
    private static final WebSocketClient CLIENT = startClient();

    private final Consumer<String> onFrame;
    private volatile CompletableFuture<JsonNode> pendingReply;
    private Session session;

    private BenchClient(Consumer<String> onFrame) {
        this.onFrame = onFrame;
    }

    private static WebSocketClient startClient() {
        try {
            WebSocketClient client = new WebSocketClient();
            client.setMaxTextMessageSize(64 << 20);
            client.setIdleTimeout(Duration.ofMinutes(5));
            client.start();
            return client;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static BenchClient connect(URI uri, Consumer<String> onFrame) throws Exception {
        BenchClient client = new BenchClient(onFrame);
        client.session = CLIENT.connect(client, uri).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Sends a request and waits for its reply (set-up only: one at a time). */
    JsonNode request(String json) throws Exception {
        pendingReply = new CompletableFuture<>();
        session.sendText(json, Callback.NOOP);
        JsonNode reply = pendingReply.get(10, TimeUnit.SECONDS);
        pendingReply = null;
        if (reply.path("type").asText().equals("error")) {
            throw new IllegalStateException("Request failed: " + reply);
        }
        return reply;
    }

    void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    @Override
    public void onWebSocketText(String message) {
        CompletableFuture<JsonNode> reply = pendingReply;
        if (reply != null && message.contains("\"id\":")) {
            try {
                reply.complete(Json.MAPPER.readTree(message));
                return;
            } catch (Exception e) {
                reply.completeExceptionally(e);
            }
        }
        onFrame.accept(message);
    }

    @Override
    public void close() {
        session.close();
    }
}
