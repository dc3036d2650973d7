package org.opencobrowse.security;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain HTTP server on a free loopback port that records every request it gets. XSS payloads point their loads and
 * fetches here: any request is an executed payload or a leak of the agent's browser to a third party.
 */
final class BeaconServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();

    private BeaconServer(HttpServer server) {
        this.server = server;
    }

    static BeaconServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            BeaconServer beacons = new BeaconServer(server);
            server.createContext("/", exchange -> {
                beacons.hits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                byte[] body = "<p>beacon</p>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return beacons;
        } catch (IOException e) {
            throw new IllegalStateException("Beacon server did not start", e);
        }
    }

    /** The beacon URL of payload {@code n}: http://127.0.0.1:PORT/b/N. */
    String url(int n) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/b/" + n;
    }

    /** Every request received so far ("GET /b/12"). */
    List<String> hits() {
        return List.copyOf(hits);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
