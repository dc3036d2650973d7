package org.opencobrowse.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.opencobrowse.api.HttpReplies;
import org.opencobrowse.errors.ErrorCode;

/**
 * Serves the files under {@code web/} on the classpath: the customer and agent scripts, the agent console and the demo
 * site. Demo pages are templates: {@code {{gcbUrl}}} becomes the server URL the page's script tag points at, so the
 * same pages can be served by the node itself or, in tests, from another origin. Every file carries security headers
 * ({@link PageSecurityHeaders}): a strict Content-Security-Policy on the agent console, one fit for a customer site on
 * demo pages.
 */
public final class WebAssets extends Handler.Abstract {
    private static final String ROOT = "web";
    private static final String GCB_URL = "{{gcbUrl}}";
    private static final MimeTypes MIME = new MimeTypes();

    private final Function<Request, String> gcbUrl;
    private final String landingPage;
    private final PageSecurityHeaders securityHeaders;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    /** Serves files whose agent console only this origin may frame. */
    public WebAssets(Function<Request, String> gcbUrl, String landingPage) {
        this(gcbUrl, landingPage, List.of());
    }

    /**
     * @param gcbUrl       the server URL for demo pages' script tags, per request
     * @param landingPage  where a request for the root goes (e.g. "agent.html", or "demo/" for a site-only server)
     * @param agentOrigins origins besides this one whose pages may frame the agent console (security.agentOrigins)
     */
    public WebAssets(Function<Request, String> gcbUrl, String landingPage, List<String> agentOrigins) {
        super(InvocationType.NON_BLOCKING);
        this.gcbUrl = gcbUrl;
        this.landingPage = landingPage;
        this.securityHeaders = new PageSecurityHeaders(agentOrigins);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            HttpReplies.error(response, callback, ErrorCode.METHOD_NOT_ALLOWED, "Static files allow GET and HEAD");
            return true;
        }
        if (path.isEmpty() || path.equals("/")) {
            return redirect(request, response, callback, landingPage);
        }
        if (path.equals("/demo")) {
            return redirect(request, response, callback, "demo/");
        }
        if (path.endsWith("/")) {
            path = path + "index.html";
        }
        if (path.contains("..") || path.contains("//") || path.contains("\\")
                || !path.substring(path.lastIndexOf('/')).contains(".")) {
            HttpReplies.error(response, callback, ErrorCode.NOT_FOUND, "Not found");
            return true;
        }
        Optional<byte[]> content = cache.computeIfAbsent(path, WebAssets::read);
        if (content.isEmpty()) {
            HttpReplies.error(response, callback, ErrorCode.NOT_FOUND, "Not found: " + path);
            return true;
        }
        byte[] body = content.get();
        String serverUrl = "";
        if (path.startsWith("/demo/") && path.endsWith(".html")) {
            serverUrl = gcbUrl.apply(request);
            body = new String(body, StandardCharsets.UTF_8).replace(GCB_URL, serverUrl)
                    .getBytes(StandardCharsets.UTF_8);
        }
        String type = MIME.getMimeByExtension(path);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type == null ? "application/octet-stream"
                : type.startsWith("text/") || type.endsWith("javascript") ? type + ";charset=utf-8" : type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        securityHeaders.apply(request, path, body, serverUrl, response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, method.equals("HEAD") ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean redirect(Request request, Response response, Callback callback, String target) {
        String base = request.getContext().getContextPath();
        Response.sendRedirect(request, response, callback, 302, base + "/" + target, true);
        return true;
    }

    private static Optional<byte[]> read(String path) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
