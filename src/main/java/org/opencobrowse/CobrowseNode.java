package org.opencobrowse;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.opencobrowse.api.JsonErrorHandler;
import org.opencobrowse.api.RestApi;
import org.opencobrowse.cluster.Backend;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.realtime.CloseCode;
import org.opencobrowse.realtime.Hub;
import org.opencobrowse.realtime.ProtocolHandler;
import org.opencobrowse.realtime.RealtimeServer;
import org.opencobrowse.security.DomRestrictions;
import org.opencobrowse.security.OriginPolicy;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.SessionService;
import org.opencobrowse.session.SessionSweeper;
import org.opencobrowse.web.WebAssets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One co-browse node: wires the shared backend (in memory or Redis), session service, realtime hub, REST API and
 * static assets into a Jetty server, starts them in dependency order and stops them in reverse. {@link #start}
 * returns once the node serves requests.
 */
public final class CobrowseNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CobrowseNode.class);
    private static final int MAX_THREADS = 200;

    /** Whether the node takes new work; health answers 200 only when READY and the store is reachable. */
    public enum State { STARTING, READY, DRAINING, STOPPED }

    private final CobrowseConfig config;
    private final Backend backend;
    private final Server server;
    private final Hub hub;
    private final SessionService service;
    private final ProtocolHandler protocol;
    private final ScheduledExecutorService scheduler;
    private volatile State state = State.STARTING;
    private volatile boolean storeReachable = true;

    private CobrowseNode(CobrowseConfig config, Backend backend) {
        this.config = config;
        this.backend = backend;
        Clock clock = Clock.systemUTC();
        this.service = new SessionService(config, backend.sessions(), backend.history(), clock);
        this.hub = new Hub(config.node().name(), backend.sessions(), backend.events(), backend.broker(), clock);
        service.setListener(hub);
        DomRestrictions restrictions = DomRestrictions.load(config.domRestrictionsFile());
        List<String> ownUrls = new ArrayList<>();
        config.cluster().serverUrl().ifPresent(ownUrls::add);
        config.cluster().url().ifPresent(ownUrls::add);
        OriginPolicy origins = new OriginPolicy(config.allowedOrigins(), ownUrls);

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("cobrowse-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.addCustomizer(new ForwardedRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.http().host());
        connector.setPort(config.http().port());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());

        ContextHandler context = new ContextHandler(config.http().contextPath());
        context.setErrorHandler(new JsonErrorHandler());
        this.protocol = new ProtocolHandler(service, hub, restrictions, config.realtime().maxControlFrameBytes());
        WebSocketUpgradeHandler websocket = RealtimeServer.upgradeHandler(server, context, config, protocol, hub, origins);
        WebAssets assets = new WebAssets(this::gcbUrl, "agent.html");
        websocket.setHandler(new RestApi(config, service, origins, this::isHealthy, assets));
        context.setHandler(websocket);
        server.setHandler(context);

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
        CobrowseNode node;
        try {
            backend.registry().register(config.node().name(), config.cluster().serverUrl());
            node = new CobrowseNode(config, backend);
            node.server.start();
        } catch (Exception | Error e) {
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
        scheduler.scheduleWithFixedDelay(hub::pingAll, ping, ping, TimeUnit.MILLISECONDS);
        long heartbeat = config.cluster().heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkStore, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    private void checkStore() {
        try {
            boolean reachable = backend.check();
            if (reachable && !storeReachable) {
                hub.resyncAfterStoreOutage(backend::restoreSequence);
            }
            storeReachable = reachable;
        } catch (RuntimeException e) {
            storeReachable = false;
            LOG.warn("Store check failed: {}", e.getMessage());
        }
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
            LOG.info("Node '{}' is gone: taking over session {}", session.hostNode(), session.token());
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

    /** http://localhost:PORT/CONTEXT, for local clients and tests. */
    public URI baseUri() {
        return URI.create("http://localhost:" + port() + config.http().contextPath());
    }

    /** The server URL demo pages point their script tag at: cluster.url, else the URL the request came to. */
    private String gcbUrl(Request request) {
        return config.cluster().url().orElseGet(() ->
                RealtimeServer.requestOrigin(request) + config.http().contextPath());
    }

    /** Stops taking work: health turns 503, no new sessions, clients are told to reconnect (elsewhere). */
    public void drain() {
        if (state == State.READY || state == State.STARTING) {
            state = State.DRAINING;
            service.setAccepting(false);
            hub.closeAll(CloseCode.SERVER_DRAINING);
        }
    }

    /** Drains, then stops the server and leaves the cluster. */
    @Override
    public void close() throws Exception {
        if (state == State.STOPPED) {
            return;
        }
        drain();
        scheduler.shutdownNow();
        server.stop();
        backend.close();
        state = State.STOPPED;
    }
}
