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
    HTTP_HOST("http.host", "0.0.0.0", "Address to listen on (all interfaces by default)."),
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
    REALTIME_IDLE_TIMEOUT("realtime.idleTimeout", "60s", "A socket with no traffic (pings included) for this long is closed."),
    REALTIME_PING_INTERVAL("realtime.pingInterval", "20s", "The server pings every socket this often."),
    CLUSTER_HEARTBEAT_INTERVAL("cluster.heartbeatInterval", "1s",
            "How often the node renews its registration and checks the store."),
    CLUSTER_NODE_TIMEOUT("cluster.nodeTimeout", "5s",
            "A node silent this long is dead: other nodes take over its sessions."),
    REDIS_URI("redis.uri", null,
            "Redis URI (redis:// or rediss://; comma-separated seeds for Redis Cluster). Unset: the embedded in-memory store, single node."),
    REDIS_CLUSTER("redis.cluster", "false", "Treat redis.uri as Redis Cluster seeds even when it names one."),
    REDIS_TIMEOUT("redis.timeout", "2s", "Timeout of one Redis command."),
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
            "On SIGTERM the node drains: it waits this long at most for its clients to leave, then stops.");

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
