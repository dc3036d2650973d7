package org.opencobrowse.api;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.opencobrowse.realtime.RealtimeServer;
import org.opencobrowse.security.OriginPolicy;

/**
 * CORS for the REST routes, with credentials (sites and agent desktops call from their own origins). A request whose
 * {@code Origin} is not allowed is refused; routes that the seed puts under CORS control also refuse a request that
 * carries neither an allowed {@code Origin} nor an allowed {@code Referer}.
 */
final class Cors {
    private final OriginPolicy policy;

    Cors(OriginPolicy policy) {
        this.policy = policy;
    }

    /** The outcome of checking one request. */
    enum Verdict { ALLOWED, REFUSED }

    /**
     * Checks the request and, when it is an allowed cross-origin call, adds the CORS response headers.
     *
     * @param originRequired true for routes that need an allowed Origin or Referer (GET session, history)
     */
    Verdict check(Request request, Response response, boolean originRequired) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String own = RealtimeServer.requestOrigin(request);
        if (origin != null) {
            if (!policy.allows(origin, own)) {
                return Verdict.REFUSED;
            }
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.getHeaders().add(HttpHeader.VARY, "Origin");
            return Verdict.ALLOWED;
        }
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        if (!originRequired) {
            return Verdict.ALLOWED;
        }
        Optional<String> refererOrigin = Optional.ofNullable(request.getHeaders().get(HttpHeader.REFERER))
                .flatMap(OriginPolicy::originOf);
        return refererOrigin.filter(o -> policy.allows(o, own)).isPresent() ? Verdict.ALLOWED : Verdict.REFUSED;
    }

    /** Answers a preflight; true when allowed (headers added), false when the origin is refused. */
    boolean preflight(Request request, Response response, String allowedMethods) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null || !policy.allows(origin, RealtimeServer.requestOrigin(request))) {
            return false;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, allowedMethods);
        String requested = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS,
                requested == null || requested.isBlank() ? "Content-Type" : requested);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        return true;
    }
}
