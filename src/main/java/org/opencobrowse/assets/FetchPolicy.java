package org.opencobrowse.assets;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs the proxy may fetch for a session: http(s) only, from a host of {@code assets.allowedDomains}
 * ({@code cdn.example.com} exactly, {@code *.example.com} for its subdomains) or from the session's own site (an
 * origin of a page the customer shared). Addresses are judged separately, at connect time ({@link AddressGuard}).
 */
final class FetchPolicy {
    private final List<String> allowedDomains;

    FetchPolicy(List<String> allowedDomains) {
        this.allowedDomains = List.copyOf(allowedDomains);
    }

    /**
     * Whether {@code url} may be fetched for a session whose shared pages came from {@code siteOrigins} (each as
     * {@link #origin}).
     */
    boolean allows(URI url, List<String> siteOrigins) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawUserInfo() != null) {
            return false;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (allowedDomains.stream().anyMatch(d -> matches(d, host))) {
            return true;
        }
        return siteOrigins.contains(origin(url));
    }

    /** "scheme://host:port" in lower case with the port explicit, or "" for a URL without a host. */
    static String origin(URI url) {
        if (url.getScheme() == null || url.getHost() == null) {
            return "";
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static boolean matches(String domain, String host) {
        return domain.startsWith("*.") ? host.endsWith(domain.substring(1)) : host.equals(domain);
    }
}
