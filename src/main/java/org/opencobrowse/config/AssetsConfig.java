package org.opencobrowse.config;

import static org.opencobrowse.config.ConfigOption.*;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The asset proxy that brings fonts, images and stylesheets the agent's browser cannot load itself.
 *
 * @param allowedDomains          host names the proxy may fetch from besides each session's own site ("*.x.com" for
 *                                subdomains); empty by default
 * @param allowPrivateAddresses   fetch from loopback, private and link-local addresses too (false: SSRF guard on)
 * @param maxBytes                largest asset fetched or uploaded, in bytes (5 MiB)
 * @param timeout                 of one fetch (10 s)
 * @param cacheBytes              assets cached per node at most, in bytes (64 MiB)
 * @param cacheTtl                how long a cached asset is kept (1 h)
 */
public record AssetsConfig(List<String> allowedDomains, boolean allowPrivateAddresses, long maxBytes,
                           Duration timeout, long cacheBytes, Duration cacheTtl) {

    static AssetsConfig from(Map<ConfigOption, String> values) {
        List<String> domains = Arrays.stream(values.get(ASSETS_ALLOWED_DOMAINS).split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .map(AssetsConfig::checkDomain).toList();
        return new AssetsConfig(domains,
                Values.bool(ASSETS_ALLOW_PRIVATE_ADDRESSES, values.get(ASSETS_ALLOW_PRIVATE_ADDRESSES)),
                Values.size(ASSETS_MAX_SIZE, values.get(ASSETS_MAX_SIZE)),
                CobrowseConfig.positive(ASSETS_TIMEOUT, values),
                Values.size(ASSETS_CACHE_SIZE, values.get(ASSETS_CACHE_SIZE)),
                CobrowseConfig.positive(ASSETS_CACHE_TTL, values));
    }

    private static String checkDomain(String domain) {
        if (domain.matches("(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*")) {
            return domain;
        }
        throw Values.invalid(ASSETS_ALLOWED_DOMAINS, domain, "host names such as cdn.example.com or *.example.com");
    }
}
