package org.opencobrowse.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencobrowse.CobrowseNode;
import org.opencobrowse.config.ConfigLoader;

/** A real node on a free port, configured with flags as on the command line; closes with the test. */
public final class TestNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CobrowseNode node;

    private TestNode(CobrowseNode node) {
        this.node = node;
    }

    public static TestNode start(String... flags) {
        List<String> args = new ArrayList<>();
        args.add("--http.port=0");
        args.add("--http.host=127.0.0.1");
        args.addAll(List.of(flags));
        try {
            return new TestNode(CobrowseNode.start(ConfigLoader.load(args, Map.of())));
        } catch (Exception e) {
            throw new IllegalStateException("Test node did not start", e);
        }
    }

    public CobrowseNode node() {
        return node;
    }

    public int port() {
        return node.port();
    }

    /** http://localhost:PORT/cobrowse + path. */
    public URI uri(String path) {
        return URI.create(node.baseUri() + path);
    }

    public URI wsUri() {
        return URI.create(node.baseUri().toString().replaceFirst("^http", "ws") + "/ws");
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public HttpResponse<String> post(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    public HttpResponse<String> request(String method, String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpRequest request = builder.timeout(Duration.ofSeconds(10)).build();
        try {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (!closedWhilePooled(e)) {
                    throw e;
                }
                // The node closed a kept-alive connection (e.g. after answering a malformed request) just as the
                // shared client reused it; the JDK retries only GET then. Once more, on a new connection.
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed", e);
        }
    }

    private static boolean closedWhilePooled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException) {
                return e.getMessage() != null && e.getMessage().contains("received no bytes");
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            node.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
