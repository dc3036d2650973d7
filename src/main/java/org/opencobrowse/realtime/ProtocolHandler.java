package org.opencobrowse.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.security.DomRestrictions;
import org.opencobrowse.security.SecurityGuards;
import org.opencobrowse.security.TokenBucket;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionService;
import org.opencobrowse.session.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Handles one client frame at a time for a connection: the request types of docs/protocol.md. While a frame of a
 * joined connection is handled, the log context (MDC) key {@code session} holds its shortened session token.
 */
public final class ProtocolHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolHandler.class);
    /** Bad frames in a row before the socket is closed as a protocol error. */
    static final int MAX_CONSECUTIVE_ERRORS = 20;
    private static final int URL_MAX_LENGTH = 4096;

    private final SessionService service;
    private final Hub hub;
    private final ControlHandler control;
    private final DomRestrictions restrictions;
    private final long maxControlFrameBytes;
    private final RealtimeMetrics metrics;
    private final SecurityGuards guards;
    private volatile java.util.function.Consumer<String> inboundObserver = frame -> { };

    public ProtocolHandler(SessionService service, Hub hub, DomRestrictions restrictions, long maxControlFrameBytes,
                           RealtimeMetrics metrics, SecurityGuards guards) {
        this.guards = guards;
        this.service = service;
        this.hub = hub;
        this.control = new ControlHandler(service, hub);
        this.restrictions = restrictions;
        this.maxControlFrameBytes = maxControlFrameBytes;
        this.metrics = metrics;
    }

    /**
     * Sees every text frame the node receives, before it is handled (for tests that prove what never reaches the
     * server, and for diagnostics). Must not block.
     */
    public void observeInbound(java.util.function.Consumer<String> observer) {
        this.inboundObserver = observer;
    }

    void onText(Connection connection, String text) {
        inboundObserver.accept(text);
        Connection.Attachment attachment = connection.attachment();
        if (attachment != null) {
            MDC.put("session", attachment.logToken());
        }
        JsonNode id = null;
        try {
            ClientFrame frame = ClientFrame.parse(text, maxControlFrameBytes);
            id = frame.id();
            handle(connection, frame);
            connection.recordSuccess();
        } catch (CobrowseException e) {
            metrics.rejected(e.code(), Rejections.Channel.WEBSOCKET);
            connection.send(Frames.error(id, e.code(), e.getMessage()));
            if (connection.recordError() >= MAX_CONSECUTIVE_ERRORS) {
                connection.closeAfterQueued(CloseCode.PROTOCOL_ERROR);
            }
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure handling a frame", e);
            metrics.rejected(ErrorCode.INTERNAL, Rejections.Channel.WEBSOCKET);
            connection.send(Frames.error(id, ErrorCode.INTERNAL, "Internal error"));
        } finally {
            MDC.remove("session");
        }
    }

    private void handle(Connection connection, ClientFrame frame) {
        Connection.Attachment attachment = connection.attachment();
        if (attachment != null) {
            hub.touch(attachment.sessionToken());
        }
        if (ControlHandler.TYPES.contains(frame.type())) {
            control.handle(self(connection, frame), frame, connection);
            return;
        }
        switch (frame.type()) {
            case "ping" -> connection.send(Json.write(Json.object().put("type", "pong").set("id", frame.id())));
            case "create" -> {
                SessionService.Created created = service.create();
                connection.send(Json.write(Frames.reply("create", frame.id())
                        .put("sessionToken", created.sessionToken())
                        .put("sessionServerName", created.sessionServerName())
                        .put("customerSecret", created.customerSecret())));
            }
            case "join" -> join(connection, frame);
            case "resume" -> resume(connection, frame);
            case "exit" -> {
                Participant p = self(connection, frame);
                hub.detach(connection, true);
                service.exit(p.userToken(), "exit");
                connection.send(Json.write(Frames.reply("exit", frame.id())));
                connection.closeAfterQueued(CloseCode.EXITED);
            }
            case "stop" -> {
                service.stop(self(connection, frame).userToken(), stopped ->
                        connection.send(Json.write(Frames.reply("stop", frame.id())
                                .put("activationTime", stopped.activationTime())
                                .put("deactivationTime", stopped.deactivationTime()))));
            }
            case "page" -> {
                requireCustomer(connection);
                String url = frame.text("url");
                if (url == null || url.isBlank() || url.length() > URL_MAX_LENGTH) {
                    throw new CobrowseException(ErrorCode.BAD_REQUEST, "A page frame needs a 'url' of at most "
                            + URL_MAX_LENGTH + " characters");
                }
                service.recordPage(connection.attachment().sessionToken(), url);
            }
            case "dom" -> {
                requireCustomer(connection);
                if (connection.domRate == null) {
                    connection.domRate = new TokenBucket(guards.domFramesPerSecond());
                }
                if (!connection.domRate.tryTake()) {
                    // Dropping frames would leave agents with a broken page: the customer resumes and re-snapshots.
                    metrics.rejected(ErrorCode.RATE_LIMITED, Rejections.Channel.WEBSOCKET);
                    connection.close(CloseCode.RATE_LIMITED);
                    return;
                }
                metrics.domReceived(frame.rawEvents().length());
                hub.relayDom(connection, frame.snapshot(), frame.rawEvents());
            }
            default -> throw new CobrowseException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type: " + frame.type());
        }
    }

    private void join(Connection connection, ClientFrame frame) {
        if (connection.attachment() != null) {
            throw new CobrowseException(ErrorCode.ALREADY_JOINED, "This connection already joined a session");
        }
        String token = frame.text("sessionToken");
        JsonNode roleNode = frame.fields() == null ? null : frame.fields().get("role");
        if (token == null || roleNode == null || !roleNode.isInt()) {
            throw new CobrowseException(ErrorCode.BAD_REQUEST, "join needs 'sessionToken' and a numeric 'role'");
        }
        MDC.put("session", Tokens.redacted(token));
        Role role = Role.ofCode(roleNode.asInt()).orElseThrow(() ->
                new CobrowseException(ErrorCode.BAD_REQUEST, "role must be 1 (customer), 2 (agent) or 3 (controller)"));
        Peer peer = connection.peer;
        if (role.isAgentSide() ? !peer.agentOrigin() : !peer.customerOrigin()) {
            throw new CobrowseException(ErrorCode.ORIGIN_NOT_ALLOWED, "This page may not join as "
                    + (role.isAgentSide() ? "an agent (see security.agentOrigins)" : "the customer"));
        }
        SessionService.Joined joined = guards.lookups().attempt(peer.address(), () -> {
            String name = frame.text("name");
            if (role.isAgentSide()) {
                name = guards.agents().authenticate(frame.text("auth"), name);
            }
            return service.join(token, role, name, frame.text("secret"));
        });
        attach(connection, joined, Frames.reply("join", frame.id()));
    }

    private void resume(Connection connection, ClientFrame frame) {
        if (connection.attachment() != null) {
            throw new CobrowseException(ErrorCode.ALREADY_JOINED, "This connection already joined a session");
        }
        SessionService.Joined joined = guards.lookups().attempt(connection.peer.address(),
                () -> service.resume(frame.text("userToken")));
        attach(connection, joined, Frames.reply("resume", frame.id()));
    }

    private void attach(Connection connection, SessionService.Joined joined, ObjectNode reply) {
        Frames.joined(reply, joined.session(), joined.participant());
        if (joined.participant().role() == Role.CUSTOMER) {
            reply.set("domRestrictions", restrictions.restrictionSets());
        }
        String replyText = Json.write(reply);
        if (!hub.attach(connection, joined.session(), joined.participant(), replyText)) {
            throw new CobrowseException(ErrorCode.SESSION_ENDED, "The session has ended");
        }
    }

    private static Participant self(Connection connection, ClientFrame frame) {
        Connection.Attachment attachment = connection.attachment();
        if (attachment == null) {
            throw new CobrowseException(ErrorCode.NOT_JOINED, "Join or resume a session first");
        }
        String userToken = frame.text("userToken");
        if (userToken != null && !userToken.equals(attachment.participant().userToken())) {
            throw new CobrowseException(ErrorCode.FORBIDDEN, "A connection acts only for its own participant");
        }
        return attachment.participant();
    }

    private static void requireCustomer(Connection connection) {
        Connection.Attachment attachment = connection.attachment();
        if (attachment == null) {
            throw new CobrowseException(ErrorCode.NOT_JOINED, "Join or resume a session first");
        }
        if (attachment.participant().role() != Role.CUSTOMER) {
            throw new CobrowseException(ErrorCode.FORBIDDEN, "Only the customer sends page content");
        }
    }
}
