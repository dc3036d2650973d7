package org.opencobrowse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.realtime.RealtimeMetrics;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.EndReason;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionListener;
import org.opencobrowse.session.SessionState;

/**
 * This node's metrics, in a Prometheus registry of its own (several nodes may share a JVM in tests), scraped at
 * {@code {contextPath}/metrics}. Counts session events as a {@link SessionListener} and relay traffic as the realtime
 * layer's {@link RealtimeMetrics}; gauges read the hosted sessions, open sockets and store health when scraped. Every
 * metric name starts with {@code cobrowse_}, except the JVM and process ones; README "Metrics" lists them.
 */
public final class NodeMetrics implements SessionListener, RealtimeMetrics, AutoCloseable {
    private static final Duration[] FIRST_FRAME_BUCKETS = millis(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);
    private static final Duration[] REDIS_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter created;
    private final Counter activated;
    private final Counter domFramesReceived;
    private final Counter domBytesReceived;
    private final Counter domFramesSent;
    private final Counter domBytesSent;
    private final Counter otherFramesSent;
    private final Counter otherBytesSent;
    private final Timer joinToFirstFrame;
    private SessionCensus census;
    private Timer redisCheck;
    private volatile boolean redisUp = true;

    public NodeMetrics() {
        List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(), new ProcessorMetrics(),
                new UptimeMetrics(), new FileDescriptorMetrics()).forEach(binder -> binder.bindTo(registry));
        // "…_created" is reserved in Prometheus naming (counters' creation time), hence "creations".
        created = Counter.builder("cobrowse.session.creations").description("Sessions created on this node")
                .register(registry);
        activated = Counter.builder("cobrowse.session.activations")
                .description("Sessions whose first agent joined on this node").register(registry);
        for (EndReason reason : EndReason.values()) {
            ended(reason); // present at 0 from the start, so that rates work from the first scrape
        }
        domFramesReceived = Counter.builder("cobrowse.dom.frames.received")
                .description("DOM frames received from customers for relaying").register(registry);
        domBytesReceived = Counter.builder("cobrowse.dom.received").baseUnit("bytes")
                .description("Characters of DOM events received from customers (bytes for ASCII JSON)")
                .register(registry);
        domFramesSent = framesSent("dom");
        domBytesSent = bytesSent("dom");
        otherFramesSent = framesSent("other");
        otherBytesSent = bytesSent("other");
        joinToFirstFrame = Timer.builder("cobrowse.join.to.first.frame")
                .description("From an agent's join or resume to the first DOM frame sent to it")
                .serviceLevelObjectives(FIRST_FRAME_BUCKETS).register(registry);
    }

    /** The registry, for components that keep meters of their own (the audit webhook). */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format (version 0.0.4); counts the hosted sessions first. */
    public String scrape() {
        if (census != null) {
            census.refresh();
        }
        return registry.scrape();
    }

    /**
     * Gauges {@code cobrowse_sessions{state}} and {@code cobrowse_participants{role}} over the sessions this node
     * hosts, read from the store once per {@link #scrape}.
     */
    public void watchSessions(Supplier<List<CobrowseSession>> hostedSessions) {
        census = new SessionCensus(hostedSessions);
        for (SessionState state : List.of(SessionState.IDLE, SessionState.ACTIVE)) {
            Gauge.builder("cobrowse.sessions", census, c -> c.sessions(state)).tag("state", state.wireName())
                    .description("Live sessions hosted by this node, by state").strongReference(true)
                    .register(registry);
        }
        for (Role role : Role.values()) {
            Gauge.builder("cobrowse.participants", census, c -> c.participants(role)).tag("role", roleName(role))
                    .description("Participants of the sessions hosted by this node, by role").strongReference(true)
                    .register(registry);
        }
    }

    /** Gauge {@code cobrowse_websocket_connections}: open sockets on this node, joined or not. */
    public void watchConnections(IntSupplier openSockets) {
        Gauge.builder("cobrowse.websocket.connections", openSockets, IntSupplier::getAsInt)
                .description("Open WebSocket connections on this node").strongReference(true).register(registry);
    }

    /** Gauge {@code cobrowse_redis_up} and timer {@code cobrowse_redis_check_seconds}; only in cluster mode. */
    public void watchRedis() {
        Gauge.builder("cobrowse.redis.up", this, m -> m.redisUp ? 1 : 0).strongReference(true)
                .description("1 when the last Redis check (PING and node heartbeat) succeeded, else 0")
                .register(registry);
        redisCheck = Timer.builder("cobrowse.redis.check")
                .description("Duration of the periodic Redis check (PING and node heartbeat)")
                .serviceLevelObjectives(REDIS_BUCKETS).register(registry);
    }

    /** The result and duration of one store check; ignored unless {@link #watchRedis} was called. */
    public void redisChecked(boolean up, long nanos) {
        if (redisCheck != null) {
            redisUp = up;
            redisCheck.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void created(CobrowseSession session) {
        created.increment();
    }

    @Override
    public void joined(CobrowseSession session, Participant participant) {
        Counter.builder("cobrowse.participants.joined").tag("role", roleName(participant.role()))
                .description("Participants who joined sessions on this node, by role").register(registry).increment();
    }

    @Override
    public void left(CobrowseSession session, Participant participant, String reason) {
    }

    @Override
    public void activated(CobrowseSession session) {
        activated.increment();
    }

    @Override
    public void deactivated(CobrowseSession session) {
        session.endReason().ifPresent(reason -> ended(reason).increment());
    }

    @Override
    public void rejected(ErrorCode code, Channel channel) {
        Counter.builder("cobrowse.rejected.requests").tag("error", code.code()).tag("channel", channel.wireName())
                .description("Requests and frames refused, by error code and channel").register(registry).increment();
    }

    @Override
    public void frameSent(boolean dom, int length) {
        (dom ? domFramesSent : otherFramesSent).increment();
        (dom ? domBytesSent : otherBytesSent).increment(length);
    }

    @Override
    public void domReceived(int length) {
        domFramesReceived.increment();
        domBytesReceived.increment(length);
    }

    @Override
    public void firstDomFrame(long nanos) {
        joinToFirstFrame.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private Counter ended(EndReason reason) {
        return Counter.builder("cobrowse.session.ends").tag("reason", reason.wireName())
                .description("Sessions ended, by reason").register(registry);
    }

    private Counter framesSent(String kind) {
        return Counter.builder("cobrowse.frames.sent").tag("kind", kind)
                .description("Frames queued to this node's sockets: DOM frames relayed to agents, and all others")
                .register(registry);
    }

    private Counter bytesSent(String kind) {
        return Counter.builder("cobrowse.sent").baseUnit("bytes").tag("kind", kind)
                .description("Characters of the frames queued to this node's sockets (bytes for ASCII JSON)")
                .register(registry);
    }

    private static String roleName(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Duration[] millis(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }
}
