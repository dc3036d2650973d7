package org.opencobrowse.realtime;

import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.security.ClientAddresses;
import org.opencobrowse.security.SecurityGuards;

/**
 * Maps {@code {contextPath}/ws} to the realtime endpoint, with frame caps, idle timeout, the Origin check (a page
 * must be allowed as a customer site or as an agent page; which role it may take is checked at join) and the
 * per-address socket limit. While the node drains, upgrades are refused with 503 so that reconnecting clients go to
 * another node.
 */
public final class RealtimeServer {
    private RealtimeServer() {
    }

    /** Jetty's idle timeout as a multiple of {@code realtime.idleTimeout}: a backstop only. */
    static final int JETTY_IDLE_TIMEOUT_FACTOR = 5;

    public static WebSocketUpgradeHandler upgradeHandler(Server server, ContextHandler context, CobrowseConfig config,
                                                         ProtocolHandler handler, Hub hub, SecurityGuards guards,
                                                         BooleanSupplier accepting, RealtimeMetrics metrics) {
        CobrowseConfig.Realtime limits = config.realtime();
        // A late joiner gets the whole session buffer at once, so the per-connection queue must hold it plus a frame.
        long maxQueuedBytes = config.session().maxBufferBytes() + 2 * limits.maxDomFrameBytes();
        return WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(limits.maxDomFrameBytes());
            container.setMaxBinaryMessageSize(1024);
            // Liveness is the hub's (pingOrCloseIdle): Jetty's timeout only ends sockets already closed there whose
            // close handshake the peer never completes. Longer, it costs fewer timer wake-ups per socket.
            container.setIdleTimeout(limits.idleTimeout().multipliedBy(JETTY_IDLE_TIMEOUT_FACTOR));
            container.setAutoFragment(true);
            container.addMapping("/ws", (request, response, callback) -> {
                String origin = request.getHeaders().get("Origin");
                String own = requestOrigin(request);
                boolean agentOrigin = origin == null || guards.agentOrigins().allows(origin, own);
                boolean customerOrigin = origin == null || guards.customerOrigins().allows(origin, own);
                if (!agentOrigin && !customerOrigin) {
                    Response.writeError(request, response, callback, 403, "Origin not allowed");
                    return null;
                }
                if (!accepting.getAsBoolean()) {
                    Response.writeError(request, response, callback, 503, "This node is shutting down");
                    return null;
                }
                String address = ClientAddresses.of(request);
                boolean admitted = guards.connections().tryOpen(address);
                if (!admitted) {
                    metrics.rejected(ErrorCode.TOO_MANY_CONNECTIONS, Rejections.Channel.WEBSOCKET);
                }
                return new RealtimeEndpoint(handler, hub, maxQueuedBytes, metrics,
                        new Peer(address, agentOrigin, customerOrigin), guards.connections(), admitted);
            });
        });
    }

    /** The origin this request was addressed to: its scheme and Host header. */
    public static String requestOrigin(Request request) {
        String host = request.getHeaders().get("Host");
        return host == null ? null : (request.isSecure() ? "https" : "http") + "://" + host;
    }

}
