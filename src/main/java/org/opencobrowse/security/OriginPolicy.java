package org.opencobrowse.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which browser origins may call the node: {@code cross-origin.allowedOrigins} ("*" for any; entries such as
 * {@code https://*.example.com} match every subdomain, not the bare domain) plus the node's own origin, which is always
 * allowed. Origins compare scheme, host and port (default ports made explicit).
 */
public final class OriginPolicy {
    private final boolean allowAny;
    private final List<String> exact;
    private final List<String> wildcardSuffixes;
    private final List<String> ownOrigins;

    /**
     * @param allowedOrigins the configured list, already validated
     * @param ownUrls        URLs that also count as this node's own origin ({@code cluster.serverUrl}, {@code cluster.url})
     */
    public OriginPolicy(List<String> allowedOrigins, List<String> ownUrls) {
        this.allowAny = allowedOrigins.contains("*");
        this.exact = allowedOrigins.stream().filter(o -> !o.contains("*")).map(OriginPolicy::normalise)
                .flatMap(Optional::stream).toList();
        this.wildcardSuffixes = allowedOrigins.stream().filter(o -> o.contains("://*."))
                .map(o -> normaliseWildcard(o.toLowerCase(Locale.ROOT))).toList();
        this.ownOrigins = ownUrls.stream().map(OriginPolicy::normalise).flatMap(Optional::stream).toList();
    }

    /**
     * Whether {@code origin} may call this node. {@code requestOrigin} is the origin the request was addressed to
     * (scheme and Host header): a page served by the node itself is same-origin.
     */
    public boolean allows(String origin, String requestOrigin) {
        Optional<String> normalised = normalise(origin);
        if (normalised.isEmpty()) {
            return false;
        }
        String o = normalised.get();
        if (allowAny || exact.contains(o) || ownOrigins.contains(o)) {
            return true;
        }
        if (requestOrigin != null && normalise(requestOrigin).filter(o::equals).isPresent()) {
            return true;
        }
        return wildcardSuffixes.stream().anyMatch(suffix -> matchesWildcard(o, suffix));
    }

    /** The origin (scheme://host:port) of a URL such as a Referer, if it has one. */
    public static Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            return Optional.of(uri.getScheme() + "://" + uri.getHost() + port);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** "scheme://host:port" in lower case with the default port explicit; empty for anything else. */
    static Optional<String> normalise(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** "https://*.example.com:8443" → "https://|.example.com|:8443" as scheme, host suffix and port. */
    private static String normaliseWildcard(String pattern) {
        String scheme = pattern.substring(0, pattern.indexOf("://"));
        String rest = pattern.substring(pattern.indexOf("://") + 4); // after "://*"
        int colon = rest.lastIndexOf(':');
        String host = colon >= 0 ? rest.substring(0, colon) : rest;
        String port = colon >= 0 ? rest.substring(colon + 1) : scheme.equals("https") ? "443" : "80";
        return scheme + "://|" + host + "|:" + port;
    }

    private static boolean matchesWildcard(String origin, String wildcard) {
        String[] parts = wildcard.split("\\|");
        String scheme = parts[0];
        String hostSuffix = parts[1];
        String port = parts[2];
        if (!origin.startsWith(scheme) || !origin.endsWith(port)) {
            return false;
        }
        String host = origin.substring(scheme.length(), origin.length() - port.length());
        return host.endsWith(hostSuffix) && host.length() > hostSuffix.length();
    }
}
