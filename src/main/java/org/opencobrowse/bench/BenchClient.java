package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.opencobrowse.realtime.Json;

/**
 * A minimal realtime-protocol client for benchmarks: request/reply for set-up, a callback for every other frame.
 * Sockets open from loopback source address 127.0.0.(1 + {@code address}), so that many of them do not run out of
 * ephemeral ports towards one server port, and a node sees several client addresses.
 */
public final class BenchClient implements Session.Listener.AutoDemanding, AutoCloseable {
    private static final int MAX_ADDRESSES = 64;
    private static final String DOM_PREFIX = "{\"type\":\"dom\"";
    private static final WebSocketClient[] CLIENTS = new WebSocketClient[MAX_ADDRESSES];

    /** Whether sockets offer permessage-deflate, as browsers do ({@code --deflate}); off by default. */
    static volatile boolean offerDeflate;

    private final Consumer<String> onFrame;
    private volatile CompletableFuture<JsonNode> pendingReply;
    private volatile int closeCode = -1;
    private Session session;

    private BenchClient(Consumer<String> onFrame) {
        this.onFrame = onFrame;
    }

    private static synchronized WebSocketClient client(int address) {
        int index = address % MAX_ADDRESSES;
        if (CLIENTS[index] == null) {
            try {
                QueuedThreadPool threads = new QueuedThreadPool(64, 4);
                threads.setName("bench-client-" + index);
                threads.setDaemon(true);
                HttpClient http = new HttpClient();
                http.setExecutor(threads);
                http.setBindAddress(new InetSocketAddress("127.0.0." + (1 + index), 0));
                http.setMaxConnectionsPerDestination(1 << 20);
                WebSocketClient client = new WebSocketClient(http);
                client.setMaxTextMessageSize(64 << 20);
                client.setIdleTimeout(Duration.ofMinutes(5));
                client.setConnectTimeout(30_000);
                client.start();
                CLIENTS[index] = client;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return CLIENTS[index];
    }

    static BenchClient connect(URI uri, Consumer<String> onFrame) throws Exception {
        return connect(uri, onFrame, 0);
    }

    static BenchClient connect(URI uri, Consumer<String> onFrame, int address) throws Exception {
        BenchClient client = new BenchClient(onFrame);
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest(uri);
        if (offerDeflate) {
            upgrade.addExtensions("permessage-deflate");
        }
        client.session = client(address).connect(client, upgrade).get(30, TimeUnit.SECONDS);
        return client;
    }

    /** Sends a request and waits for its reply (set-up only: one at a time). */
    JsonNode request(String json) throws Exception {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pendingReply = future;
        session.sendText(json, Callback.NOOP);
        JsonNode reply = future.get(30, TimeUnit.SECONDS);
        if (reply.path("type").asText().equals("error")) {
            throw new IllegalStateException("Request failed: " + reply);
        }
        return reply;
    }

    /** Sends a frame without waiting (open loop). */
    void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    /** The close code the server sent, or -1 while open. */
    int closeCode() {
        return closeCode;
    }

    @Override
    public void onWebSocketText(String message) {
        CompletableFuture<JsonNode> reply = pendingReply;
        if (reply != null && !message.startsWith(DOM_PREFIX) && message.contains("\"id\":")) {
            pendingReply = null;
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
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        closeCode = statusCode;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (closeCode < 0) {
            closeCode = 1006;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
