package org.opencobrowse.config;

import static org.opencobrowse.config.ConfigOption.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's whole configuration, typed and validated once at start-up. Build it with {@link ConfigLoader}; every
 * value here is already checked, so components never parse options themselves.
 */
public record CobrowseConfig(
        Http http,
        Node node,
        Cluster cluster,
        List<String> allowedOrigins,
        Sessions session,
        Realtime realtime,
        RedisConfig redis,
        Optional<Path> domRestrictionsFile,
        OperationsConfig operations,
        SecurityConfig security,
        AssetsConfig assets,
        Map<ConfigOption, String> effective) {

    /** Where the node listens. host: loopback (127.0.0.1); port: 8700 (0 = any free port); contextPath: "/cobrowse". */
    public record Http(String host, int port, String contextPath) {
    }

    /** name: "Co-browse_Server", the sessionServerName and gcbSessionServer cookie value. */
    public record Node(String name) {
    }

    /**
     * serverUrl: this node's public URL (unset); url: the cluster's public URL (unset); heartbeatInterval (1 s) and
     * nodeTimeout (5 s) for the node registry.
     */
    public record Cluster(Optional<String> serverUrl, Optional<String> url, Duration heartbeatInterval,
                          Duration nodeTimeout) {
    }

    /** Session lifecycle limits; durations and sizes as documented in {@link ConfigOption}. */
    public record Sessions(Duration idleTimeout, Duration inactivityTimeout, Duration maxDuration,
                           Duration reconnectGrace, Duration historyRetention, int maxSessions, int maxAgents,
                           long maxBufferBytes) {
    }

    /** WebSocket limits: frame sizes in bytes, timeouts. */
    public record Realtime(long maxDomFrameBytes, long maxControlFrameBytes, Duration idleTimeout,
                           Duration pingInterval) {
    }

    /** Parses and validates raw option values (every option present; {@code null} = unset). */
    static CobrowseConfig from(Map<ConfigOption, String> raw) {
        Map<ConfigOption, String> values = new EnumMap<>(raw);
        String contextPath = values.get(HTTP_CONTEXT_PATH).trim();
        if (!contextPath.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw Values.invalid(HTTP_CONTEXT_PATH, contextPath, "a path such as /cobrowse (no trailing slash)");
        }
        String nodeName = values.get(NODE_NAME).trim();
        if (!nodeName.matches("[A-Za-z0-9._-]{1,64}")) {
            // The name travels in a cookie value and HTTP headers, so only token characters are allowed.
            throw Values.invalid(NODE_NAME, nodeName, "1-64 letters, digits, '.', '_' or '-'");
        }
        Http http = new Http(requireNonBlank(HTTP_HOST, values.get(HTTP_HOST)),
                Values.integer(HTTP_PORT, values.get(HTTP_PORT), 0, 65535), contextPath);
        Cluster cluster = new Cluster(optional(values, CLUSTER_SERVER_URL).map(v -> Values.httpUrl(CLUSTER_SERVER_URL, v)),
                optional(values, CLUSTER_URL).map(v -> Values.httpUrl(CLUSTER_URL, v)),
                positive(CLUSTER_HEARTBEAT_INTERVAL, values), positive(CLUSTER_NODE_TIMEOUT, values));
        if (cluster.heartbeatInterval().multipliedBy(2).compareTo(cluster.nodeTimeout()) > 0) {
            throw new ConfigException("cluster.nodeTimeout must be at least twice cluster.heartbeatInterval");
        }
        List<String> origins = Arrays.stream(values.get(CROSS_ORIGIN_ALLOWED_ORIGINS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(CobrowseConfig::checkOrigin).toList();
        Sessions session = new Sessions(
                positive(SESSION_IDLE_TIMEOUT, values), positive(SESSION_INACTIVITY_TIMEOUT, values),
                positive(SESSION_MAX_DURATION, values), positive(SESSION_RECONNECT_GRACE, values),
                positive(SESSION_HISTORY_RETENTION, values),
                Values.integer(SESSION_MAX_SESSIONS, values.get(SESSION_MAX_SESSIONS), 1, 10_000_000),
                Values.integer(SESSION_MAX_AGENTS, values.get(SESSION_MAX_AGENTS), 1, 1000),
                Values.size(SESSION_MAX_BUFFER_SIZE, values.get(SESSION_MAX_BUFFER_SIZE)));
        Realtime realtime = new Realtime(
                Values.size(REALTIME_MAX_DOM_FRAME_SIZE, values.get(REALTIME_MAX_DOM_FRAME_SIZE)),
                Values.size(REALTIME_MAX_CONTROL_FRAME_SIZE, values.get(REALTIME_MAX_CONTROL_FRAME_SIZE)),
                positive(REALTIME_IDLE_TIMEOUT, values), positive(REALTIME_PING_INTERVAL, values));
        if (realtime.maxControlFrameBytes() > realtime.maxDomFrameBytes()) {
            throw new ConfigException("realtime.maxControlFrameSize must not exceed realtime.maxDomFrameSize");
        }
        if (realtime.pingInterval().compareTo(realtime.idleTimeout()) >= 0) {
            throw new ConfigException("realtime.pingInterval must be shorter than realtime.idleTimeout");
        }
        if (session.maxBufferBytes() < realtime.maxDomFrameBytes()) {
            throw new ConfigException("session.maxBufferSize must be at least realtime.maxDomFrameSize");
        }
        RedisConfig redis = RedisConfig.from(values);
        Optional<Path> restrictions = optional(values, DOM_RESTRICTIONS_FILE).map(Path::of);
        restrictions.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw Values.invalid(DOM_RESTRICTIONS_FILE, p.toString(), "a readable JSON file");
            }
        });
        return new CobrowseConfig(http, new Node(nodeName), cluster, origins, session, realtime, redis,
                restrictions, OperationsConfig.from(values), SecurityConfig.from(values, http.host()),
                AssetsConfig.from(values), Map.copyOf(values.entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    private static String checkOrigin(String origin) {
        if (origin.equals("*") || origin.matches("https?://(\\*\\.)?[A-Za-z0-9.-]+(:\\d{1,5})?")) {
            return origin;
        }
        throw Values.invalid(CROSS_ORIGIN_ALLOWED_ORIGINS, origin,
                "'*' or origins such as https://shop.example.com, https://*.example.com, http://localhost:8080");
    }

    static Optional<String> optional(Map<ConfigOption, String> values, ConfigOption option) {
        String v = values.get(option);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** The option's file, checked readable; empty when the option is unset. */
    static Optional<Path> readableFile(Map<ConfigOption, String> values, ConfigOption option) {
        Optional<Path> path = optional(values, option).map(Path::of);
        path.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw Values.invalid(option, p.toString(), "a readable file");
            }
        });
        return path;
    }

    private static String requireNonBlank(ConfigOption option, String value) {
        if (value == null || value.isBlank()) {
            throw Values.invalid(option, String.valueOf(value), "a value");
        }
        return value.trim();
    }

    static Duration positive(ConfigOption option, Map<ConfigOption, String> values) {
        Duration d = Values.duration(option, values.get(option));
        if (d.isZero()) {
            throw Values.invalid(option, values.get(option), "a duration above zero");
        }
        return d;
    }
}
