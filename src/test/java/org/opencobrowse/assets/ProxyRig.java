package org.opencobrowse.assets;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.opencobrowse.api.HttpReplies;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.config.ConfigLoader;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.security.SecurityGuards;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionService;
import org.opencobrowse.store.InMemoryHistoryStore;
import org.opencobrowse.store.InMemoryLookupFailures;
import org.opencobrowse.store.InMemorySessionStore;

/**
 * The asset routes on a real Jetty (port 0, context /cobrowse) with a real session service, configured with flags as
 * on the command line; sessions are created and joined through the service, as the realtime channel would.
 */
final class ProxyRig implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A session with its customer joined and a page shared. */
    record Shared(String token, String customerUserToken, String agentUserToken, String key) {
    }

    final SessionService service;
    final AssetRoutes routes;
    /** Every refusal the routes reported for metrics, as "error/channel", in order. */
    final List<String> rejected = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Server server = new Server();

    ProxyRig(String... flags) {
        this(null, flags);
    }

    ProxyRig(AssetCache cache, String... flags) {
        List<String> args = new ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1"));
        args.addAll(List.of(flags));
        CobrowseConfig config = ConfigLoader.load(args, Map.of());
        Clock clock = Clock.systemUTC();
        service = new SessionService(config, new InMemorySessionStore(),
                new InMemoryHistoryStore(Duration.ofDays(1), clock), clock);
        SecurityGuards guards = SecurityGuards.of(config, List.of(), new InMemoryLookupFailures(clock));
        Handler notFound = new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                HttpReplies.error(response, callback, ErrorCode.NOT_FOUND, "next handler");
                return true;
            }
        };
        Rejections counted = (code, channel) -> rejected.add(code.code() + "/" + channel.wireName());
        routes = cache == null ? new AssetRoutes(config, service, guards, counted, notFound)
                : new AssetRoutes(config, service, guards, cache, counted, notFound);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/cobrowse");
        context.setHandler(routes);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a session, seats its customer and an agent, and records that the customer shares {@code pageUrl}. */
    Shared share(String pageUrl) {
        SessionService.Created created = service.create();
        String token = created.sessionToken();
        String customer = service.join(token, Role.CUSTOMER, "Customer", created.customerSecret())
                .participant().userToken();
        String agent = service.join(token, Role.AGENT, "Alice", null).participant().userToken();
        service.recordPage(token, pageUrl);
        return new Shared(token, customer, agent, AssetKey.of(customer));
    }

    String base() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/cobrowse";
    }

    static String proxyPath(Shared session, String assetUrl, boolean uploaded) {
        return "/proxy?s=" + session.token() + "&k=" + session.key() + "&u="
                + URLEncoder.encode(assetUrl, StandardCharsets.UTF_8) + (uploaded ? "&up=1" : "");
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    HttpResponse<byte[]> upload(String userToken, String assetUrl, String contentType, byte[] body, String origin) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + "/proxy/upload?u="
                        + URLEncoder.encode(assetUrl, StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (userToken != null) {
            builder.header(AssetRoutes.USER_HEADER, userToken);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return send(builder);
    }

    /** The status line of a GET written byte for byte (for targets java.net.URI refuses, e.g. bad escapes). */
    String rawGetStatusLine(String target) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /cobrowse" + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder builder) {
        try {
            return HTTP.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed", e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        routes.close();
    }
}
