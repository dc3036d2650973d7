package org.opencobrowse.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * Security headers of the static files. Every file gets {@code X-Content-Type-Options: nosniff} and a
 * {@code Referrer-Policy}. The agent console gets a strict Content-Security-Policy: scripts only from this origin (no
 * inline script, no eval), no plugins, no {@code <base>}, no form submission, images, fonts and media only from this
 * origin or data:/blob: (the mirrored page inherits the policy, so a customer's stream cannot load from elsewhere),
 * sockets to this host, and framing only by this origin and {@code security.agentOrigins}. Demo pages, a sample of a
 * customer's site, get the policy such a site needs to run the customer script from the co-browse server.
 */
final class PageSecurityHeaders {
    private static final String AGENT_PAGE = "/agent.html";

    private final List<String> agentOrigins;

    /** @param agentOrigins origins besides this one that may frame the agent console (security.agentOrigins) */
    PageSecurityHeaders(List<String> agentOrigins) {
        this.agentOrigins = List.copyOf(agentOrigins);
    }

    /** Adds the headers for the file at {@code path} (in the context) with this {@code body}. */
    void apply(Request request, String path, byte[] body, String gcbUrl, HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        boolean agentPage = path.equals(AGENT_PAGE);
        // The console's URL carries the session code: it must not leak to the mirrored page's servers.
        headers.put("Referrer-Policy", agentPage ? "no-referrer" : "strict-origin-when-cross-origin");
        if (!path.endsWith(".html")) {
            return;
        }
        String self = socketSources(request.getHttpURI().getHost(), request.getHttpURI().getPort());
        if (path.startsWith("/demo/")) {
            headers.put("Content-Security-Policy", demoPolicy(self, origin(gcbUrl), InlineScriptHashes.of(body)));
            headers.put("X-Frame-Options", "SAMEORIGIN");
        } else {
            headers.put("Content-Security-Policy", agentPolicy(self));
            if (agentOrigins.isEmpty()) {
                headers.put("X-Frame-Options", "SAMEORIGIN"); // for browsers without frame-ancestors
            }
        }
    }

    private String agentPolicy(String selfSockets) {
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                // rrweb rebuilds the customer's <style> elements and style attributes in the mirror.
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:",
                "font-src 'self' data: blob:",
                "media-src 'self' data: blob:",
                ("connect-src 'self' " + selfSockets).trim(),
                "frame-src 'self'",
                "child-src 'self'",
                "worker-src 'none'",
                "manifest-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'none'",
                String.join(" ", frameAncestors()));
    }

    private List<String> frameAncestors() {
        List<String> sources = new ArrayList<>(List.of("frame-ancestors", "'self'"));
        sources.addAll(agentOrigins);
        return sources;
    }

    private static String demoPolicy(String selfSockets, String gcbOrigin, InlineScriptHashes inline) {
        String gcb = gcbOrigin.isEmpty() ? "" : " " + gcbOrigin;
        String gcbSockets = gcbOrigin.isEmpty() ? "" : " " + socketSources(URI.create(gcbOrigin).getHost(),
                URI.create(gcbOrigin).getPort());
        return String.join("; ",
                "default-src 'self'",
                ("script-src 'self'" + gcb + " " + inline.sources()).trim(),
                "style-src 'self' 'unsafe-inline'", // the customer script's built-in UI injects its styles
                "img-src 'self' data: blob:" + gcb,
                "font-src 'self' data:",
                ("connect-src 'self' " + selfSockets + gcb + gcbSockets).trim(),
                "frame-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'self'");
    }

    /** ws: and wss: of a host (CSP 'self' covers them only in CSP3 browsers). Empty for a host that is not plain. */
    private static String socketSources(String host, int port) {
        if (host == null || !host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]")) {
            return "";
        }
        String authority = host + (port > 0 ? ":" + port : "");
        return "ws://" + authority + " wss://" + authority;
    }

    /** scheme://host[:port] of an absolute http(s) URL, or "" (relative or odd URLs add no source). */
    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null || !(scheme.equals("http") || scheme.equals("https"))
                    || !uri.getHost().matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]")) {
                return "";
            }
            return scheme + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException | NullPointerException e) {
            return "";
        }
    }
}
