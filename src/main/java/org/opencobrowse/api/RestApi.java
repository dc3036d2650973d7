package org.opencobrowse.api;

import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.security.ClientAddresses;
import org.opencobrowse.security.SecurityGuards;
import org.opencobrowse.session.SessionService;
import org.opencobrowse.session.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The REST API of the seed ({@code rest/live}: create, get, stop; {@code health}) plus the session history. Requests
 * for other paths go to the next handler (operations endpoints, static assets); unknown paths under {@code rest/} get
 * a JSON 404. Every error reply is counted by {@link Rejections}; routes about one session log with MDC
 * {@code session} (the shortened token).
 */
public final class RestApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final Pattern SESSION = Pattern.compile("/rest/live/sessions/([^/]+)");
    private static final Pattern STOP = Pattern.compile("/rest/live/users/([^/]+)/session/stop");
    private static final Pattern HISTORY = Pattern.compile("/rest/history/sessions/([^/]+)");

    /** Names the node that answered, for operators behind a load balancer. */
    static final String NODE_HEADER = "X-Cobrowse-Node";

    private final String nodeName;
    private final SessionRoutes routes;
    private final Cors cors;
    private final BooleanSupplier ready;
    private final Rejections rejections;
    private final SecurityGuards guards;
    private final Handler next;

    public RestApi(CobrowseConfig config, SessionService service, SecurityGuards guards, BooleanSupplier ready,
                   Rejections rejections, Handler next) {
        super(InvocationType.NON_BLOCKING);
        this.nodeName = config.node().name();
        this.routes = new SessionRoutes(config, service);
        this.cors = new Cors(guards.customerOrigins());
        this.guards = guards;
        this.ready = ready;
        this.rejections = rejections;
        this.next = next;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        response.getHeaders().put(NODE_HEADER, nodeName);
        try {
            if (path.equals("/health")) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    return methodNotAllowed(response, callback, "GET, HEAD");
                }
                HttpReplies.empty(response, callback, ready.getAsBoolean() ? 200 : 503);
                return true;
            }
            if (path.equals("/rest/live/sessions")) {
                return route(request, response, callback, "POST", false, () ->
                        routes.create(request, response, callback));
            }
            Matcher m;
            if ((m = SESSION.matcher(path)).matches()) {
                String id = m.group(1);
                MDC.put("session", Tokens.redacted(id));
                return route(request, response, callback, "GET", true, () -> guarded(request, true, () ->
                        routes.get(id, response, callback)));
            }
            if ((m = STOP.matcher(path)).matches()) {
                String userToken = m.group(1);
                MDC.put("session", Tokens.redacted(Tokens.sessionTokenOf(userToken).orElse("")));
                return route(request, response, callback, "GET", false, () -> guarded(request, false, () ->
                        routes.stop(userToken, response, callback)));
            }
            if ((m = HISTORY.matcher(path)).matches()) {
                String id = m.group(1);
                return route(request, response, callback, "GET", true, () -> guarded(request, true, () ->
                        routes.history(id, response, callback)));
            }
            if (path.startsWith("/rest/") || path.equals("/rest")) {
                return reject(response, callback, ErrorCode.NOT_FOUND, "No such resource: " + path);
            }
            return next.handle(request, response, callback);
        } catch (CobrowseException e) {
            return reject(response, callback, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on {} {}", method, loggable(path), e);
            return reject(response, callback, ErrorCode.INTERNAL, "Internal error");
        } finally {
            MDC.remove("session");
        }
    }

    /** The path without secrets: userTokens hidden, session tokens shortened. */
    private static String loggable(String path) {
        return path.replaceAll("/users/[^/]+/", "/users/***/")
                .replaceAll("/sessions/(\\d{3})\\d{3}(\\d{3})", "/sessions/$1***$2");
    }

    private boolean reject(Response response, Callback callback, ErrorCode code, String message) {
        HttpReplies.reject(rejections, response, callback, code, message);
        return true;
    }

    /** Applies method and CORS rules, then runs the route. */
    private boolean route(Request request, Response response, Callback callback, String method,
                          boolean originRequired, Runnable action) {
        String actual = request.getMethod();
        if (actual.equals("OPTIONS")) {
            if (cors.preflight(request, response, method + ", OPTIONS")) {
                HttpReplies.empty(response, callback, 204);
                return true;
            }
            return reject(response, callback, ErrorCode.ORIGIN_NOT_ALLOWED, "This origin is not allowed");
        }
        if (!actual.equals(method)) {
            return methodNotAllowed(response, callback, method + ", OPTIONS");
        }
        if (cors.check(request, response, originRequired) == Cors.Verdict.REFUSED) {
            return reject(response, callback, ErrorCode.ORIGIN_NOT_ALLOWED, originRequired
                    ? "This resource needs an Origin or Referer header of an allowed origin"
                    : "This origin is not allowed");
        }
        action.run();
        return true;
    }

    /**
     * Runs a lookup by token or id: refused while the client address is locked out for guessing, counted when it
     * fails, and (for agent-side routes when {@code security.agentAuth=jwt}) only with {@code Authorization: Bearer}.
     */
    private void guarded(Request request, boolean agentRoute, Runnable lookup) {
        guards.lookups().attempt(ClientAddresses.of(request), () -> {
            if (agentRoute && guards.agents().required()) {
                String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? authorization.substring(7) : null;
                guards.agents().authenticate(bearer, null);
            }
            lookup.run();
            return null;
        });
    }

    private boolean methodNotAllowed(Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        return reject(response, callback, ErrorCode.METHOD_NOT_ALLOWED, "Allowed methods: " + allow);
    }
}
