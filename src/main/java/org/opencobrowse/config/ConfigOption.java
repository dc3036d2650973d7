package org.opencobrowse.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every option the node understands, with its default and meaning. Names follow Genesys' where Genesys has the option
 * ({@code cross-origin.allowedOrigins}, {@code cluster.serverUrl}, {@code cluster.url}). A {@code null} default means
 * "unset". Durations take a unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}); sizes take {@code B},
 * {@code KiB} or {@code MiB}.
 */
public enum ConfigOption {
    HTTP_HOST("http.host", "127.0.0.1",
            "Address to listen on: loopback by default; 0.0.0.0 for all interfaces (then agents must authenticate)."),
    HTTP_PORT("http.port", "8700", "HTTP port; 0 picks a free port."),
    HTTP_CONTEXT_PATH("http.contextPath", "/cobrowse", "Path under which everything is served."),
    NODE_NAME("node.name", "Co-browse_Server", "This node's name: sessionServerName and the gcbSessionServer cookie."),
    CLUSTER_SERVER_URL("cluster.serverUrl", null, "This node's public URL, returned as sessionServerUrl (unset: omitted)."),
    CLUSTER_URL("cluster.url", null, "The cluster's public URL (load balancer) used by agent-side pages (unset: this node)."),
    CROSS_ORIGIN_ALLOWED_ORIGINS("cross-origin.allowedOrigins", "",
            "Comma-separated origins allowed cross-origin; '*' allows any; 'https://*.example.com' matches subdomains."),
    SESSION_IDLE_TIMEOUT("session.idleTimeout", "10m", "A session no agent joined ends after this long."),
    SESSION_INACTIVITY_TIMEOUT("session.inactivityTimeout", "30m", "A session with no frame from anyone ends after this long."),
    SESSION_MAX_DURATION("session.maxDuration", "4h", "A session ends after this long, whatever happens in it."),
    SESSION_RECONNECT_GRACE("session.reconnectGrace", "60s", "How long a participant whose socket closed may resume."),
    SESSION_HISTORY_RETENTION("session.historyRetention", "14d", "How long history records of ended sessions are kept."),
    SESSION_MAX_SESSIONS("session.maxSessions", "10000", "Live sessions this node hosts at most (more: 503 too_many_sessions)."),
    SESSION_MAX_AGENTS("session.maxAgents", "10", "Agents and controllers in one session at most."),
    SESSION_MAX_BUFFER_SIZE("session.maxBufferSize", "16MiB",
            "DOM events buffered per session for late joiners (latest snapshot and what follows) at most."),
    REALTIME_MAX_DOM_FRAME_SIZE("realtime.maxDomFrameSize", "8MiB", "Largest WebSocket frame (a full DOM snapshot)."),
    REALTIME_MAX_CONTROL_FRAME_SIZE("realtime.maxControlFrameSize", "64KiB", "Largest frame of any other type."),
    REALTIME_IDLE_TIMEOUT("realtime.idleTimeout", "60s",
            "A socket whose client sent nothing, not even a pong to the pings, for this long is closed at the next "
                    + "ping."),
    REALTIME_PING_INTERVAL("realtime.pingInterval", "20s", "The server pings every socket this often."),
    CLUSTER_HEARTBEAT_INTERVAL("cluster.heartbeatInterval", "1s",
            "How often the node renews its registration and checks the store."),
    CLUSTER_NODE_TIMEOUT("cluster.nodeTimeout", "5s",
            "A node silent this long is dead: other nodes take over its sessions."),
    REDIS_URI("redis.uri", null,
            "Redis URI (redis:// or rediss://; comma-separated seeds for Redis Cluster). Unset: the embedded in-memory store, single node."),
    REDIS_CLUSTER("redis.cluster", "false", "Treat redis.uri as Redis Cluster seeds even when it names one."),
    REDIS_TIMEOUT("redis.timeout", "2s", "Timeout of one Redis command."),
    REDIS_TLS_CA_FILE("redis.tlsCaFile", null,
            "PEM file of the CA certificates that rediss:// servers' certificates must chain to; unset: the JVM's "
                    + "default trust store."),
    REDIS_TLS_CERT_FILE("redis.tlsCertFile", null,
            "PEM client certificate chain for rediss:// servers that require one (tls-auth-clients); needs "
                    + "redis.tlsKeyFile."),
    REDIS_TLS_KEY_FILE("redis.tlsKeyFile", null, "Unencrypted PKCS#8 PEM private key of redis.tlsCertFile."),
    DOM_RESTRICTIONS_FILE("dom-restrictions.file", null,
            "JSON file of DOM restriction sets (masking); unset: the bundled demo rules."),
    METRICS_TOKEN("metrics.token", null,
            "Bearer token (16+ characters) that /metrics requires (Authorization: Bearer <token>); unset: open.", true),
    WEBHOOK_URL("webhook.url", null,
            "http(s) URL that gets every audit event as a signed JSON POST; unset: audit events go to the log only."),
    WEBHOOK_SECRET("webhook.secret", null,
            "Key (16+ characters) of the HMAC-SHA256 X-Cobrowse-Signature; required with webhook.url.", true),
    WEBHOOK_QUEUE_SIZE("webhook.queueSize", "10000",
            "Audit events waiting for the webhook at most; when full, the oldest is dropped (and counted)."),
    WEBHOOK_TIMEOUT("webhook.timeout", "5s", "Timeout of one webhook delivery attempt."),
    WEBHOOK_RETRY_DELAY("webhook.retryDelay", "1s",
            "Wait after a failed webhook delivery; it doubles after each further failure."),
    WEBHOOK_MAX_RETRY_DELAY("webhook.maxRetryDelay", "1m", "Longest wait between webhook delivery attempts."),
    LOG_FORMAT("log.format", "text", "Log format: text (human-readable lines) or json (one JSON object a line)."),
    SHUTDOWN_TIMEOUT("shutdown.timeout", "10s",
            "On SIGTERM the node drains: it waits this long at most for its clients to leave, then stops."),
    HTTPS_PORT("https.port", null, "HTTPS port (TLS); unset: no HTTPS. Needs https.keystore."),
    HTTPS_KEYSTORE("https.keystore", null, "PKCS12 keystore file with the server's key and certificate chain."),
    HTTPS_KEYSTORE_PASSWORD("https.keystorePassword", "", "Password of https.keystore.", true),
    HTTPS_REDIRECT("https.redirect", "false", "Redirect plain-HTTP requests to HTTPS (308); health stays on HTTP."),
    HTTPS_HSTS_MAX_AGE("https.hstsMaxAge", "365d",
            "Strict-Transport-Security max-age sent over HTTPS; 0s sends none."),
    SECURITY_AGENT_AUTH("security.agentAuth", "none",
            "How agents and controllers prove who they are: none (local demos only) or jwt."),
    SECURITY_ALLOW_ANONYMOUS_AGENTS("security.allowAnonymousAgents", "false",
            "Confirms security.agentAuth=none on a non-loopback http.host; without it such a node refuses to start."),
    SECURITY_JWT_SECRET("security.jwtSecret", null, "HS256 key (32+ bytes) for agent JWTs.", true),
    SECURITY_JWT_PUBLIC_KEY("security.jwtPublicKey", null, "PEM file with the RSA or EC public key of RS256/ES256 agent JWTs."),
    SECURITY_JWKS_FILE("security.jwksFile", null, "JWKS JSON file with the public keys of RS256/ES256 agent JWTs."),
    SECURITY_JWT_AUDIENCE("security.jwtAudience", "cobrowse", "The aud an agent JWT must carry."),
    SECURITY_JWT_ISSUER("security.jwtIssuer", null, "The iss an agent JWT must carry; unset: not checked."),
    SECURITY_JWT_CLOCK_SKEW("security.jwtClockSkew", "30s", "Tolerance on exp and nbf of agent JWTs."),
    SECURITY_AGENT_ORIGINS("security.agentOrigins", "",
            "Comma-separated origins (besides the node's own) whose pages may open agent sockets."),
    SECURITY_TRUST_FORWARDED_FOR("security.trustForwardedFor", "false",
            "Take the client address from X-Forwarded-For (only behind a trusted load balancer)."),
    LIMITS_FAILED_LOOKUPS("limits.failedLookups", "10",
            "Failed token lookups/joins per client address per minute (counted across the cluster with Redis); "
                    + "past it: 429 / error rate_limited."),
    LIMITS_LOCKOUT("limits.lockout", "5m", "How long an address that hit limits.failedLookups stays refused."),
    LIMITS_CONNECTIONS_PER_ADDRESS("limits.connectionsPerAddress", "256",
            "Open WebSockets per client address at most (more: close 4009 too_many_connections)."),
    LIMITS_EVENTS_PER_SECOND("limits.eventsPerSecond", "200",
            "DOM frames per second a session's customer may send on average (bursts of twice that); more: close 4102."),
    ASSETS_ALLOWED_DOMAINS("assets.allowedDomains", "",
            "Comma-separated host names the asset proxy may fetch from ('*.example.com' for subdomains), besides each session's own site."),
    ASSETS_ALLOW_PRIVATE_ADDRESSES("assets.allowPrivateAddresses", "false",
            "Let the asset proxy fetch from loopback, private and link-local addresses (SSRF guard off)."),
    ASSETS_MAX_SIZE("assets.maxSize", "5MiB", "Largest asset the proxy fetches or a customer uploads."),
    ASSETS_TIMEOUT("assets.timeout", "10s", "Timeout of one asset fetch by the proxy."),
    ASSETS_CACHE_SIZE("assets.cacheSize", "64MiB", "Bytes of assets cached per node at most."),
    ASSETS_CACHE_TTL("assets.cacheTtl", "1h", "How long a cached asset is kept.");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    ConfigOption(String key, String defaultValue, String description) {
        this(key, defaultValue, description, false);
    }

    ConfigOption(String key, String defaultValue, String description, boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
    }

    public String key() {
        return key;
    }

    /** The default as text, or {@code null} when the option is unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** A credential: never printed ({@code --print-config}) nor echoed in error messages. */
    public boolean isSecret() {
        return secret;
    }

    /** The environment variable that sets this option: {@code COBROWSE_} + key upper-cased, dots and dashes as '_'. */
    public String environmentName() {
        return "COBROWSE_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public static Optional<ConfigOption> byKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equalsIgnoreCase(key)).findFirst();
    }

    public static Optional<ConfigOption> byEnvironmentName(String name) {
        return Arrays.stream(values()).filter(o -> o.environmentName().equals(name)).findFirst();
    }
}
