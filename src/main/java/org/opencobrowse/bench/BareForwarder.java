package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.opencobrowse.realtime.Json;

/**
 * The baseline of every scenario: a bare Jetty 12 WebSocket forwarder at {@code /cobrowse/ws} that answers just
 * enough of {@code create} / {@code join} / {@code ping} for the same bench clients to pair up, and forwards each
 * {@code dom} frame of a customer, unparsed, to the agents that joined the same token. No session logic, no buffer,
 * no sequence numbers, no queue caps: what any relay over Jetty costs at least. Like a node (and any relay that keeps
 * sockets open through balancers), it pings every socket every 20 s; its idle timeout is a node's (60 s).
 */
public final class BareForwarder {
    private static final String DOM_PREFIX = "{\"type\":\"dom\"";

    private final Map<String, List<Session>> agentsByToken = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong(100_000_000);
    private final Set<Session> open = ConcurrentHashMap.newKeySet();
    private static final Duration PING_INTERVAL = Duration.ofSeconds(20);

    private BareForwarder() {
    }

    /** Starts the forwarder on {@code host}:{@code port} (0: a free port) and returns the running server. */
    static Server start(String host, int port) throws Exception {
        BareForwarder forwarder = new BareForwarder();
        // The same pool size as a node, so that neither side wins by threads.
        Server server = new Server(new QueuedThreadPool(200));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/cobrowse");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(8 << 20);
            container.setIdleTimeout(Duration.ofSeconds(60));
            container.setAutoFragment(true);
            container.addMapping("/ws", (request, response, callback) -> forwarder.new Endpoint());
        }));
        server.setHandler(context);
        server.start();
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "forwarder-pings");
            t.setDaemon(true);
            return t;
        });
        ByteBuffer empty = ByteBuffer.allocate(0);
        pinger.scheduleWithFixedDelay(() -> forwarder.open.forEach(s -> s.sendPing(empty.duplicate(), Callback.NOOP)),
                PING_INTERVAL.toMillis(), PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** One socket (public: Jetty invokes its methods reflectively). */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private Session session;
        private List<Session> agents = List.of();
        private String token;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            open.add(session);
        }

        @Override
        public void onWebSocketText(String text) {
            if (text.startsWith(DOM_PREFIX)) {
                for (Session agent : agents) {
                    agent.sendText(text, Callback.NOOP);
                }
                return;
            }
            try {
                JsonNode frame = Json.MAPPER.readTree(text);
                String id = String.valueOf(frame.path("id"));
                switch (frame.path("type").asText()) {
                    case "create" -> reply("{\"type\":\"create.ok\",\"id\":" + id + ",\"sessionToken\":\""
                            + tokens.incrementAndGet() + "\",\"customerSecret\":\"bare\"}");
                    case "join" -> {
                        token = frame.path("sessionToken").asText();
                        List<Session> group = agentsByToken.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>());
                        if (frame.path("role").asInt() == 1) {
                            agents = group;
                        } else {
                            group.add(session);
                        }
                        reply("{\"type\":\"join.ok\",\"id\":" + id + ",\"sessionToken\":\"" + token + "\"}");
                    }
                    case "ping" -> reply("{\"type\":\"pong\",\"id\":" + id + "}");
                    default -> { }
                }
            } catch (Exception badFrame) {
                session.close(4003, "protocol_error", Callback.NOOP);
            }
        }

        private void reply(String text) {
            session.sendText(text, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            callback.succeed();
            open.remove(session);
            if (token != null) {
                List<Session> group = agentsByToken.get(token);
                if (group != null) {
                    group.remove(session);
                }
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // a client that vanished; its close follows
        }
    }
}
