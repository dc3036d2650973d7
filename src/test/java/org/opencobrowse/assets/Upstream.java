package org.opencobrowse.assets;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real origin server for the asset proxy to fetch from, on 127.0.0.1 and a free port: answers each path with what a
 * test put there, counts hits per path and keeps the Cookie header of every request.
 */
final class Upstream implements AutoCloseable {
    /** What one path answers. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers, long delayMillis) {
        static Reply of(String contentType, byte[] body) {
            return new Reply(200, contentType, body, Map.of(), 0);
        }
    }

    private final Server server = new Server();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final List<String> cookies = new CopyOnWriteArrayList<>();

    Upstream() {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = request.getHttpURI().getPath();
                hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                String cookie = request.getHeaders().get("Cookie");
                if (cookie != null) {
                    cookies.add(cookie);
                }
                Reply reply = replies.get(path);
                if (reply == null) {
                    response.setStatus(404);
                    response.write(true, null, callback);
                    return true;
                }
                if (reply.delayMillis() > 0) {
                    Thread.sleep(reply.delayMillis());
                }
                response.setStatus(reply.status());
                if (reply.contentType() != null) {
                    response.getHeaders().put("Content-Type", reply.contentType());
                }
                reply.headers().forEach(response.getHeaders()::put);
                response.write(true, ByteBuffer.wrap(reply.body()), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Upstream serve(String path, Reply reply) {
        replies.put(path, reply);
        return this;
    }

    Upstream serve(String path, String contentType, byte[] body) {
        return serve(path, Reply.of(contentType, body));
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** http://HOST:PORT + path; HOST is 127.0.0.1 or localhost (the same server under two names). */
    String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
