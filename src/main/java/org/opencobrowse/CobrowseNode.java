package org.opencobrowse;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.opencobrowse.api.JsonErrorHandler;
import org.opencobrowse.cluster.Broker;
import org.opencobrowse.cluster.InMemoryBroker;
import org.opencobrowse.api.RestApi;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.config.ConfigException;
import org.opencobrowse.realtime.CloseCode;
import org.opencobrowse.realtime.Hub;
import org.opencobrowse.realtime.ProtocolHandler;
import org.opencobrowse.realtime.RealtimeServer;
import org.opencobrowse.security.DomRestrictions;
import org.opencobrowse.security.OriginPolicy;
import org.opencobrowse.session.SessionService;
import org.opencobrowse.session.SessionSweeper;
import org.opencobrowse.store.InMemoryEventBuffer;
import org.opencobrowse.store.InMemoryHistoryStore;
import org.opencobrowse.store.InMemorySessionStore;
import org.opencobrowse.store.SessionStore;
import org.opencobrowse.web.WebAssets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One co-browse node: wires the stores, session service, realtime hub, REST API and static assets into a Jetty server,
 * starts them in dependency order and stops them in reverse. {@link #start} returns once the node serves requests.
 */
public final class CobrowseNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CobrowseNode.class);
    private static final int MAX_THREADS = 200;

    /** Whether the node takes new work; health answers 200 only when READY. */
    public enum State { STARTING, READY, DRAINING, STOPPED }

    private final CobrowseConfig config;
    private final Server server;
    private final Hub hub;
    private final SessionService service;
    private final SessionStore store;
    private final ProtocolHandler protocol;
    private final Broker broker;
    private final ScheduledExecutorService scheduler;
    private volatile State state = State.STARTING;

    private CobrowseNode(CobrowseConfig config) {
        this.config = config;
        if (config.redisUri().isPresent()) {
            throw new ConfigException("redis.uri: cluster mode on Redis is not available in this build yet; "
                    + "leave redis.uri unset for the embedded in-memory store");
        }
        Clock clock = Clock.systemUTC();
        this.store = new InMemorySessionStore();
        this.service = new SessionService(config, store, new InMemoryHistoryStore(), clock);
        this.broker = new InMemoryBroker();
        this.hub = new Hub(config.node().name(), store, new InMemoryEventBuffer(config.session().maxBufferBytes()),
                broker, clock);
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
        this.protocol = new ProtocolHandler(service, hub, restrictions,
                config.realtime().maxControlFrameBytes());
        WebSocketUpgradeHandler websocket = RealtimeServer.upgradeHandler(server, context, config, protocol, hub, origins);
        WebAssets assets = new WebAssets(this::gcbUrl, "agent.html");
        websocket.setHandler(new RestApi(config, service, origins, () -> state == State.READY, assets));
        context.setHandler(websocket);
        server.setHandler(context);

        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cobrowse-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a node with {@code config}; throws {@link ConfigException} for a configuration it cannot run with. */
    public static CobrowseNode start(CobrowseConfig config) throws Exception {
        CobrowseNode node = new CobrowseNode(config);
        node.server.start();
        long sweep = SessionSweeper.intervalMillis(config);
        node.scheduler.scheduleWithFixedDelay(new SessionSweeper(config, node.service, node.store,
                node.hub::lastActivity, node.hub::disconnectedBefore), sweep, sweep, TimeUnit.MILLISECONDS);
        long ping = config.realtime().pingInterval().toMillis();
        node.scheduler.scheduleWithFixedDelay(node.hub::pingAll, ping, ping, TimeUnit.MILLISECONDS);
        node.state = State.READY;
        LOG.info("Co-browse node '{}' serving {}", config.node().name(), node.baseUri());
        return node;
    }

    /** Lets {@code observer} see every WebSocket text frame this node receives (tests, diagnostics). */
    public void observeInboundFrames(java.util.function.Consumer<String> observer) {
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
    private String gcbUrl(org.eclipse.jetty.server.Request request) {
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

    /** Drains, then stops the server. */
    @Override
    public void close() throws Exception {
        if (state == State.STOPPED) {
            return;
        }
        drain();
        scheduler.shutdownNow();
        server.stop();
        broker.close();
        state = State.STOPPED;
    }
}
