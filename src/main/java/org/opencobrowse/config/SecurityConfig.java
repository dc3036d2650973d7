package org.opencobrowse.config;

import static org.opencobrowse.config.ConfigOption.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may connect and how much: agent authentication, agent origins, TLS and abuse limits.
 *
 * @param agentAuth             NONE (default, local demos) or JWT
 * @param jwt                   how agent JWTs are checked (only with JWT)
 * @param agentOrigins          origins besides the node's own whose pages may open agent sockets (none)
 * @param trustForwardedFor     take the client address from X-Forwarded-For (false)
 * @param limits                abuse limits
 * @param https                 TLS, if configured
 */
public record SecurityConfig(AgentAuth agentAuth, Jwt jwt, List<String> agentOrigins, boolean trustForwardedFor,
                             Limits limits, Optional<Https> https) {

    /** none: anyone who knows a session token may join as agent; jwt: agents present a signed token. */
    public enum AgentAuth { NONE, JWT }

    /**
     * @param hmacSecret   HS256 key (32+ bytes), if any
     * @param publicKeyPem RSA/EC public key file for RS256/ES256, if any
     * @param jwksFile     JWKS file for RS256/ES256, if any
     * @param audience     required aud ("cobrowse")
     * @param issuer       required iss, if any
     * @param clockSkew    tolerance on exp/nbf (30 s)
     */
    public record Jwt(Optional<String> hmacSecret, Optional<Path> publicKeyPem, Optional<Path> jwksFile,
                      String audience, Optional<String> issuer, Duration clockSkew) {
    }

    /**
     * @param failedLookups          failed lookups/joins per address per minute (10)
     * @param lockout                how long an address over that stays refused (5 min)
     * @param connectionsPerAddress  open sockets per address (256)
     * @param eventsPerSecond        DOM frames per second per session's customer, bursts of twice that (200)
     */
    public record Limits(int failedLookups, Duration lockout, int connectionsPerAddress, int eventsPerSecond) {
    }

    /**
     * @param port             HTTPS port (0 = any free port)
     * @param keystore         PKCS12 file
     * @param keystorePassword its password
     * @param redirect         send plain-HTTP requests to HTTPS (false)
     * @param hstsMaxAge       Strict-Transport-Security max-age (365 d; zero: no header)
     */
    public record Https(int port, Path keystore, String keystorePassword, boolean redirect, Duration hstsMaxAge) {
    }

    static SecurityConfig from(Map<ConfigOption, String> values, String httpHost) {
        AgentAuth auth = switch (values.get(SECURITY_AGENT_AUTH).trim().toLowerCase(Locale.ROOT)) {
            case "none" -> AgentAuth.NONE;
            case "jwt" -> AgentAuth.JWT;
            default -> throw Values.invalid(SECURITY_AGENT_AUTH, values.get(SECURITY_AGENT_AUTH), "none or jwt");
        };
        Jwt jwt = new Jwt(CobrowseConfig.optional(values, SECURITY_JWT_SECRET),
                CobrowseConfig.readableFile(values, SECURITY_JWT_PUBLIC_KEY),
                CobrowseConfig.readableFile(values, SECURITY_JWKS_FILE),
                CobrowseConfig.optional(values, SECURITY_JWT_AUDIENCE).orElseThrow(
                        () -> Values.invalid(SECURITY_JWT_AUDIENCE, "", "an audience")),
                CobrowseConfig.optional(values, SECURITY_JWT_ISSUER),
                Values.duration(SECURITY_JWT_CLOCK_SKEW, values.get(SECURITY_JWT_CLOCK_SKEW)));
        jwt.hmacSecret().ifPresent(s -> {
            if (s.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw Values.invalid(SECURITY_JWT_SECRET, s, "at least 32 bytes (HS256 needs a 256-bit key)");
            }
        });
        if (auth == AgentAuth.JWT && jwt.hmacSecret().isEmpty() && jwt.publicKeyPem().isEmpty()
                && jwt.jwksFile().isEmpty()) {
            throw new ConfigException("security.agentAuth=jwt needs security.jwtSecret, security.jwtPublicKey "
                    + "or security.jwksFile");
        }
        boolean allowAnonymous = Values.bool(SECURITY_ALLOW_ANONYMOUS_AGENTS, values.get(SECURITY_ALLOW_ANONYMOUS_AGENTS));
        if (auth == AgentAuth.NONE && !allowAnonymous && !isLoopback(httpHost)) {
            throw new ConfigException("http.host=" + httpHost + " is reachable from other machines but "
                    + "security.agentAuth=none lets anyone who knows a session code watch it. Set "
                    + "security.agentAuth=jwt, or confirm with security.allowAnonymousAgents=true");
        }
        List<String> agentOrigins = Arrays.stream(values.get(SECURITY_AGENT_ORIGINS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(o -> {
                    if (!o.matches("https?://(\\*\\.)?[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                        throw Values.invalid(SECURITY_AGENT_ORIGINS, o, "origins such as https://desktop.example.com");
                    }
                    return o;
                }).toList();
        Limits limits = new Limits(
                Values.integer(LIMITS_FAILED_LOOKUPS, values.get(LIMITS_FAILED_LOOKUPS), 1, 1_000_000),
                CobrowseConfig.positive(LIMITS_LOCKOUT, values),
                Values.integer(LIMITS_CONNECTIONS_PER_ADDRESS, values.get(LIMITS_CONNECTIONS_PER_ADDRESS), 1, 10_000_000),
                Values.integer(LIMITS_EVENTS_PER_SECOND, values.get(LIMITS_EVENTS_PER_SECOND), 1, 10_000_000));
        Optional<Https> https = CobrowseConfig.optional(values, HTTPS_PORT).map(port -> {
            Path keystore = CobrowseConfig.readableFile(values, HTTPS_KEYSTORE).orElseThrow(
                    () -> new ConfigException("https.port needs https.keystore (a PKCS12 file)"));
            return new Https(Values.integer(HTTPS_PORT, port, 0, 65535), keystore,
                    values.get(HTTPS_KEYSTORE_PASSWORD) == null ? "" : values.get(HTTPS_KEYSTORE_PASSWORD),
                    Values.bool(HTTPS_REDIRECT, values.get(HTTPS_REDIRECT)),
                    Values.duration(HTTPS_HSTS_MAX_AGE, values.get(HTTPS_HSTS_MAX_AGE)));
        });
        return new SecurityConfig(auth, jwt, agentOrigins,
                Values.bool(SECURITY_TRUST_FORWARDED_FOR, values.get(SECURITY_TRUST_FORWARDED_FOR)), limits, https);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw Values.invalid(HTTP_HOST, host, "an address or a resolvable host name");
        }
    }
}
