package org.opencobrowse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real HTTP server on a free port that records the webhook requests it gets (body and signature header) and
 * answers 204. It can go down (the port refuses connections) and come back up on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Delivery(String body, String signature, JsonNode json) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private int port;
    private HttpServer server;

    private WebhookReceiver() {
    }

    public static WebhookReceiver start() {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.up();
        return receiver;
    }

    /** Listens again (on the same port after {@link #down}). */
    public void up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getAddress().getPort();
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            record(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Cobrowse-Signature"),
                    WsClient.JSON.readTree(body)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** Stops listening: deliveries fail with "connection refused" until {@link #up}. */
    public void down() {
        server.stop(0);
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    private synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
        notifyAll();
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits until a delivery matches {@code match}; returns every delivery so far. */
    public synchronized List<Delivery> awaitDelivery(Predicate<Delivery> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveries.stream().noneMatch(match)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching webhook delivery within " + timeout + "; got " + deliveries);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
