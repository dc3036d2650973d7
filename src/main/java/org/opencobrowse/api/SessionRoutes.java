package org.opencobrowse.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.realtime.Json;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.PageVisit;
import org.opencobrowse.session.SessionHistory;
import org.opencobrowse.session.SessionService;

/** The bodies of the REST routes; field names and order follow the Genesys seed exactly. */
final class SessionRoutes {
    /** The stickiness cookie of Genesys: it names the node hosting the session. */
    static final String SERVER_COOKIE = "gcbSessionServer";

    private final CobrowseConfig config;
    private final SessionService service;

    SessionRoutes(CobrowseConfig config, SessionService service) {
        this.config = config;
        this.service = service;
    }

    void create(Request request, Response response, Callback callback) {
        SessionService.Created created = service.create();
        String cookie = SERVER_COOKIE + "=" + created.sessionServerName() + "; Path=" + config.http().contextPath()
                + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : "");
        response.getHeaders().add(HttpHeader.SET_COOKIE, cookie);
        // Extra field after the seed's two: the secret that lets the creator take the customer seat.
        ObjectNode body = Json.object()
                .put("sessionToken", created.sessionToken())
                .put("sessionServerName", created.sessionServerName())
                .put("customerSecret", created.customerSecret());
        HttpReplies.json(response, callback, 200, body);
    }

    void get(String token, Response response, Callback callback) {
        CobrowseSession session = service.find(token).filter(s -> !s.isEnded()).orElseThrow(() ->
                new CobrowseException(ErrorCode.SESSION_NOT_FOUND, "No live session has this token"));
        ObjectNode body = Json.object()
                .put("sessionToken", session.token())
                .put("sessionServerName", session.hostNode());
        session.hostUrl().ifPresent(url -> body.put("sessionServerUrl", url));
        HttpReplies.json(response, callback, 200, body);
    }

    void stop(String userToken, Response response, Callback callback) {
        SessionService.Stopped stopped = service.stop(userToken);
        HttpReplies.json(response, callback, 200, Json.object()
                .put("activationTime", stopped.activationTime())
                .put("deactivationTime", stopped.deactivationTime()));
    }

    void history(String historyId, Response response, Callback callback) {
        SessionHistory history = service.history(historyId).orElseThrow(() ->
                new CobrowseException(ErrorCode.NOT_FOUND, "No session history has this id"));
        ObjectNode body = Json.object()
                .put("id", history.id())
                .put("sessionToken", history.sessionToken())
                .put("creationTime", history.creationTime());
        putTime(body, "activationTime", history.activationTime());
        putTime(body, "deactivationTime", history.deactivationTime());
        ArrayNode pages = body.putArray("pages");
        for (PageVisit page : history.pagesAsOf(service.clock().millis())) {
            pages.addObject().put("url", page.url()).put("enteredTimestamp", page.enteredTimestamp())
                    .put("duration", page.duration());
        }
        HttpReplies.json(response, callback, 200, body);
    }

    /** A time not reached yet is null. */
    private static void putTime(ObjectNode body, String field, long time) {
        if (time == 0) {
            body.putNull(field);
        } else {
            body.put(field, time);
        }
    }
}
