package org.opencobrowse.realtime;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.opencobrowse.security.ConnectionLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Jetty side of one WebSocket: turns socket events into {@link Connection} and {@link ProtocolHandler} calls. */
public final class RealtimeEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeEndpoint.class);

    private final ProtocolHandler handler;
    private final Hub hub;
    private final long maxQueuedBytes;
    private final RealtimeMetrics metrics;
    private final Peer peer;
    private final ConnectionLimiter limiter;
    private final boolean admitted;
    private Connection connection;

    /** @param admitted false when the client address is over its socket limit: the socket is closed at once */
    RealtimeEndpoint(ProtocolHandler handler, Hub hub, long maxQueuedBytes, RealtimeMetrics metrics, Peer peer,
                     ConnectionLimiter limiter, boolean admitted) {
        this.handler = handler;
        this.hub = hub;
        this.maxQueuedBytes = maxQueuedBytes;
        this.metrics = metrics;
        this.peer = peer;
        this.limiter = limiter;
        this.admitted = admitted;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection = new Connection(session, maxQueuedBytes, metrics, peer);
        if (!admitted) {
            // Accepted only to tell a browser why (a refused upgrade shows no reason to scripts).
            connection.close(CloseCode.TOO_MANY_CONNECTIONS);
            return;
        }
        hub.opened(connection);
    }

    @Override
    public void onWebSocketText(String message) {
        if (admitted) {
            handler.onText(connection, message);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        connection.close(CloseCode.PROTOCOL_ERROR);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (admitted) {
            limiter.closed(peer.address());
        }
        if (connection != null && admitted) {
            connection.close(CloseCode.NORMAL); // marks it closed so queued frames are dropped
            hub.closed(connection);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error", cause);
    }
}
