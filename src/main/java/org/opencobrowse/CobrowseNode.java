package org.opencobrowse;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.opencobrowse.api.JsonErrorHandler;
import org.opencobrowse.assets.AssetRoutes;
import org.opencobrowse.api.OperationsApi;
import org.opencobrowse.api.RestApi;
import org.opencobrowse.audit.AuditTrail;
import org.opencobrowse.audit.AuditWebhook;
import org.opencobrowse.cluster.Backend;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.metrics.NodeMetrics;
import org.opencobrowse.realtime.CloseCode;
import org.opencobrowse.realtime.Hub;
import org.opencobrowse.realtime.ProtocolHandler;
import org.opencobrowse.realtime.RealtimeServer;
import org.opencobrowse.security.DomRestrictions;
import org.opencobrowse.security.HttpsConnector;
import org.opencobrowse.security.SecurityGuards;
import org.opencobrowse.security.TransportSecurityHandler;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.CompositeSessionListener;
import org.opencobrowse.session.EndReason;
import org.opencobrowse.session.SessionService;
import org.opencobrowse.session.SessionSweeper;
import org.opencobrowse.session.Tokens;
import org.opencobrowse.web.WebAssets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One co-browse node: wires the shared backend (in memory or Redis), session service, realtime hub, metrics, audit
 * trail, REST API and static assets into a Jetty server, starts them in dependency order and stops them in reverse.
 * {@link #start} returns once the node serves requests; {@link #close} drains first (see there).
 */
public final class CobrowseNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CobrowseNode.class);
    private static final int MAX_THREADS = 200;
    private static final long DRAIN_POLL_MILLIS = 20;

    /** Whether the node takes new work; health answers 200 only when READY and the store is reachable. */
    public enum State { STARTING, READY, DRAINING, STOPPED }

    private final CobrowseConfig config;
    private final Backend backend;
    private final Server server;
    private final Hub hub;
    private final SessionService service;
    private final ProtocolHandler protocol;
    private final ScheduledExecutorService scheduler;
    private final NodeMetrics metrics = new NodeMetrics();
    private final Optional<AuditWebhook> webhook;
    private final AssetRoutes assetRoutes;
    private volatile State state = State.STARTING;
    private volatile boolean storeReachable = true;

    private CobrowseNode(CobrowseConfig config, Backend backend) {
        this.config = config;
        this.backend = backend;
        Clock clock = Clock.systemUTC();
        this.service = new SessionService(config, backend.sessions(), backend.history(), clock);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("cobrowse-http");
        this.hub = new Hub(config.node().name(), backend.sessions(), backend.events(), backend.broker(), clock,
                threads, config.session().maxBufferBytes());
        DomRestrictions restrictions = DomRestrictions.load(config.domRestrictionsFile()); // may fail: before threads
        this.webhook = config.operations().webhook().enabled()
                ? Optional.of(new AuditWebhook(config.operations().webhook(), metrics.registry())) : Optional.empty();
        AuditTrail audit = new AuditTrail(config.node().name(), clock,
                event -> webhook.ifPresent(w -> w.accept(event)));
        service.setListener(new CompositeSessionListener(hub, List.of(metrics, audit)));
        metrics.watchSessions(this::hostedSessions);
        metrics.watchConnections(hub::connectionCount);
        if (config.redis().uri().isPresent()) {
            metrics.watchRedis();
        }
        List<String> ownUrls = new ArrayList<>();
        config.cluster().serverUrl().ifPresent(ownUrls::add);
        config.cluster().url().ifPresent(ownUrls::add);
        SecurityGuards guards = SecurityGuards.of(config, ownUrls, backend.lookupFailures());
        if (!guards.agents().required()) {
            LOG.warn("security.agentAuth=none: anyone who knows a session code can watch it. Use it for local demos "
                    + "only; production nodes set security.agentAuth=jwt");
        }

        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        if (config.security().trustForwardedFor()) {
            http.addCustomizer(new ForwardedRequestCustomizer()); // client address and scheme from the balancer
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.http().host());
        connector.setPort(config.http().port());
        server.addConnector(connector);
        config.security().https().ifPresent(https ->
                server.addConnector(HttpsConnector.create(server, http, https, config.http().host())));
        server.setErrorHandler(new JsonErrorHandler());

        ContextHandler context = new ContextHandler(config.http().contextPath());
        context.setErrorHandler(new JsonErrorHandler());
        this.protocol = new ProtocolHandler(service, hub, restrictions, config.realtime().maxControlFrameBytes(),
                metrics, guards);
        WebSocketUpgradeHandler websocket = RealtimeServer.upgradeHandler(server, context, config, protocol, hub,
                guards, () -> state == State.READY, metrics);
        WebAssets assets = new WebAssets(this::gcbUrl, "agent.html", config.security().agentOrigins());
        OperationsApi operations = new OperationsApi(metrics::scrape, config.operations().metricsToken(), metrics,
                assets);
        this.assetRoutes = new AssetRoutes(config, service, guards, metrics, operations);
        websocket.setHandler(new RestApi(config, service, guards, this::isHealthy, metrics, assetRoutes));
        context.setHandler(websocket);
        server.setHandler(config.security().https().<Handler>map(https -> new TransportSecurityHandler(context,
                https.hstsMaxAge(), https.redirect(), this::httpsPort, config.http().contextPath() + "/health"))
                .orElse(context));

        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cobrowse-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a node with the backend its configuration names (in memory, or Redis with {@code redis.uri}). */
    public static CobrowseNode start(CobrowseConfig config) throws Exception {
        return start(config, Backend.of(config, Clock.systemUTC()));
    }

    /**
     * Starts a node on {@code backend}; throws {@link org.opencobrowse.config.ConfigException} when its name is taken
     * in the cluster.
     */
    public static CobrowseNode start(CobrowseConfig config, Backend backend) throws Exception {
        CobrowseNode node = null;
        try {
            backend.registry().register(config.node().name(), config.cluster().serverUrl());
            node = new CobrowseNode(config, backend);
            node.server.start();
        } catch (Exception | Error e) {
            if (node != null) {
                node.webhook.ifPresent(AuditWebhook::close);
                node.assetRoutes.close();
                node.metrics.close();
            }
            backend.close();
            throw e;
        }
        node.scheduleTimers();
        node.state = State.READY;
        LOG.info("Co-browse node '{}' serving {} ({})", config.node().name(), node.baseUri(),
                config.redis().uri().isPresent() ? "cluster mode on Redis" : "in-memory store, single node");
        return node;
    }

    private void scheduleTimers() {
        long sweep = SessionSweeper.intervalMillis(config);
        scheduler.scheduleWithFixedDelay(new SessionSweeper(config, service, backend.sessions(), this::sweepsHere,
                hub::lastActivity, hub::disconnectedBefore), sweep, sweep, TimeUnit.MILLISECONDS);
        long ping = config.realtime().pingInterval().toMillis();
        long idle = config.realtime().idleTimeout().toNanos();
        scheduler.scheduleWithFixedDelay(() -> hub.pingOrCloseIdle(idle), ping, ping, TimeUnit.MILLISECONDS);
        long heartbeat = config.cluster().heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkStore, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    private void checkStore() {
        long started = System.nanoTime();
        try {
            boolean reachable = backend.check();
            metrics.redisChecked(reachable, System.nanoTime() - started);
            if (reachable && !storeReachable) {
                hub.resyncAfterStoreOutage(backend::restoreSequence);
            }
            storeReachable = reachable;
        } catch (RuntimeException e) {
            metrics.redisChecked(false, System.nanoTime() - started);
            storeReachable = false;
            LOG.warn("Store check failed: {}", e.getMessage());
        }
    }

    /** The live sessions this node hosts (for metrics). */
    private List<CobrowseSession> hostedSessions() {
        return backend.sessions().all().stream()
                .filter(s -> !s.isEnded() && s.hostNode().equals(config.node().name())).toList();
    }

    /**
     * Whether this node runs the timeouts of {@code session}: its own sessions, and those of nodes that died (which
     * it then takes over).
     */
    private boolean sweepsHere(CobrowseSession session) {
        if (session.hostNode().equals(config.node().name())) {
            return true;
        }
        if (!backend.registry().isAlive(session.hostNode())) {
            LOG.info("Node '{}' is gone: taking over session {}", session.hostNode(), Tokens.redacted(session.token()));
            service.claimHosting(session.token());
            hub.touch(session.token()); // its inactivity counts from the takeover, not from its creation
            return true;
        }
        return false;
    }

    private boolean isHealthy() {
        return state == State.READY && storeReachable;
    }

    /** Lets {@code observer} see every WebSocket text frame this node receives (tests, diagnostics). */
    public void observeInboundFrames(Consumer<String> observer) {
        protocol.observeInbound(observer);
    }

    public State state() {
        return state;
    }

    /** The port the node listens on (useful with {@code http.port=0}). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The HTTPS port (useful with {@code https.port=0}); -1 without HTTPS. */
    public int httpsPort() {
        return server.getConnectors().length > 1 ? ((ServerConnector) server.getConnectors()[1]).getLocalPort() : -1;
    }

    /** http://localhost:PORT/CONTEXT, for local clients and tests. */
    public URI baseUri() {
        return URI.create("http://localhost:" + port() + config.http().contextPath());
    }

    /** The server URL demo pages point their script tag at: cluster.url, else the URL the request came to. */
    private String gcbUrl(Request request) {
        return config.cluster().url().orElseGet(() ->
                RealtimeServer.requestOrigin(request) + config.http().contextPath());
    }

    /**
     * Stops taking work: health turns 503, no new sessions or sockets, and every client is closed with 4100
     * server_draining, which tells it to reconnect (through the load balancer, to another node) and resume.
     */
    public void drain() {
        if (state == State.READY || state == State.STARTING) {
            state = State.DRAINING;
            service.setAccepting(false);
            int clients = hub.connectionCount();
            hub.closeAll(CloseCode.SERVER_DRAINING);
            LOG.info("Draining: {} clients told to reconnect elsewhere", clients);
        }
    }

    /**
     * The graceful stop (SIGTERM runs it): drains, waits until the clients have closed their sockets or
     * {@code shutdown.timeout} passed, lets the webhook deliver what it still holds within the same time, then stops
     * the server and leaves the cluster. Without a cluster, the sessions die with the node: they end with reason
     * node_shutdown (so the audit trail and metrics record it).
     */
    @Override
    public synchronized void close() throws Exception {
        if (state == State.STOPPED) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + config.operations().shutdownTimeout().toNanos();
        drain();
        while (hub.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
        int stayed = hub.connectionCount();
        if (config.redis().uri().isEmpty()) { // its sessions live in this process only
            hostedSessions().forEach(s -> service.end(s.token(), EndReason.NODE_SHUTDOWN));
        }
        webhook.ifPresent(w -> w.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        scheduler.shutdownNow();
        server.stop();
        assetRoutes.close();
        backend.close();
        metrics.close();
        state = State.STOPPED;
        LOG.info("Node '{}' stopped in {} ms ({} clients had not closed their sockets)", config.node().name(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), stayed);
    }
}
