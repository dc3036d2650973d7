package org.opencobrowse.assets;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.opencobrowse.api.HttpReplies;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.realtime.RealtimeServer;
import org.opencobrowse.security.ClientAddresses;
import org.opencobrowse.security.SecurityGuards;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.SessionService;
import org.opencobrowse.session.Tokens;

/**
 * {@code POST {contextPath}/proxy/upload?u=URL}: the customer script sends an asset it could read itself (same origin,
 * with the visitor's cookies) so agents get it through the proxy. Cross-origin from the customer's site: allowed
 * origins only ({@code cross-origin.allowedOrigins}), preflight answered. Needs the customer's userToken in
 * {@code X-Cobrowse-User} (else 403 {@code forbidden}, counted as a failed lookup), a body of at most
 * {@code assets.maxSize} (else 413 {@code payload_too_large}) of an image, font or stylesheet type (else 400
 * {@code bad_request}). Answers 204. One session uploads at most {@code assets.cacheSize} bytes within
 * {@code assets.cacheTtl} (then 413), so a customer cannot fill a cache that every session shares; the same URL uploaded
 * again (the script uploads on every page) is counted and stored once.
 */
final class AssetUploads {
    private final SessionService service;
    private final SecurityGuards guards;
    private final AssetCache cache;
    private final long maxBytes;
    private final long maxSessionBytes;
    private final Rejections rejections;

    /**
     * @param maxBytes        largest upload ({@code assets.maxSize})
     * @param maxSessionBytes bytes one session may upload within {@code assets.cacheTtl} ({@code assets.cacheSize})
     * @param rejections      counts every error reply
     */
    AssetUploads(SessionService service, SecurityGuards guards, AssetCache cache, long maxBytes, long maxSessionBytes,
                 Rejections rejections) {
        this.rejections = rejections;
        this.service = service;
        this.guards = guards;
        this.cache = cache;
        this.maxBytes = maxBytes;
        this.maxSessionBytes = maxSessionBytes;
    }

    boolean handle(Request request, Response response, Callback callback) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !guards.customerOrigins().allows(origin, RealtimeServer.requestOrigin(request))) {
            HttpReplies.reject(rejections, response, callback, ErrorCode.ORIGIN_NOT_ALLOWED,
                    "This origin is not allowed");
            return true;
        }
        if (origin != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().add(HttpHeader.VARY, "Origin");
        }
        String method = request.getMethod();
        if (method.equals("OPTIONS") && origin != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, " + AssetRoutes.USER_HEADER);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
            HttpReplies.empty(response, callback, 204);
            return true;
        }
        if (!method.equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
            HttpReplies.reject(rejections, response, callback, ErrorCode.METHOD_NOT_ALLOWED,
                    "Allowed methods: POST, OPTIONS");
            return true;
        }
        try {
            upload(request, response, callback);
        } catch (CobrowseException e) {
            HttpReplies.reject(rejections, response, callback, e);
        }
        return true;
    }

    private void upload(Request request, Response response, Callback callback) {
        String u = query(request).getValue("u");
        assetUrl(u);
        String token = customerSession(request);
        // The body is read (up to the cap) even when its declared length is too large: a reply before the upload is
        // read would reach most clients as a reset connection instead of a 413.
        String declaredType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, maxBytes))
                .whenComplete((body, failure) -> {
                    if (failure != null) {
                        HttpReplies.reject(rejections, response, callback, ErrorCode.PAYLOAD_TOO_LARGE,
                                "Assets are limited to assets.maxSize");
                        return;
                    }
                    var type = AssetTypes.of(declaredType, body);
                    if (type.isEmpty()) {
                        HttpReplies.reject(rejections, response, callback, ErrorCode.BAD_REQUEST,
                                "Only images, fonts and stylesheets are taken");
                        return;
                    }
                    String key = AssetCache.sessionKey(token, u);
                    if (cache.get(key).isEmpty()) { // the script uploads again on every page: count it once
                        if (cache.addUploaded(token, body.length) > maxSessionBytes) {
                            HttpReplies.reject(rejections, response, callback, ErrorCode.PAYLOAD_TOO_LARGE,
                                    "This session's uploads passed assets.cacheSize");
                            return;
                        }
                        cache.put(key, new Asset(type.get(), body));
                    }
                    HttpReplies.empty(response, callback, 204);
                });
    }

    /** The session token of the live session whose customer sent the request; else 403 forbidden. */
    private String customerSession(Request request) {
        String address = ClientAddresses.of(request);
        guards.lookups().check(address);
        String userToken = request.getHeaders().get(AssetRoutes.USER_HEADER);
        String token = Tokens.sessionTokenOf(userToken).orElse(null);
        boolean customer = token != null && service.find(token).filter(s -> !s.isEnded())
                .filter(s -> AssetKey.isCustomer(s, userToken)).isPresent();
        if (!customer) {
            guards.lookups().failed(address);
            throw new CobrowseException(ErrorCode.FORBIDDEN, "Only the session's customer uploads assets");
        }
        return token;
    }

    /** The query parameters; a malformed query (bad percent-encoding) is 400 bad_request, not a server error. */
    static Fields query(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new CobrowseException(ErrorCode.BAD_REQUEST, "Malformed query");
        }
    }

    /** {@code u} as an absolute http(s) URL; else 400 bad_request. */
    static URI assetUrl(String u) {
        URI url = u == null || u.length() > 4096 ? null : parse(u);
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url == null || url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new CobrowseException(ErrorCode.BAD_REQUEST, "u must be an absolute http(s) URL");
        }
        return url;
    }

    /** {@code text} as a URI, or null. */
    static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
    }
}
