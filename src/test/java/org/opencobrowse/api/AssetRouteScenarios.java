package org.opencobrowse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.opencobrowse.assets.AssetKey;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;

/**
 * The asset proxy's routes ({@code /proxy}, {@code /proxy/upload}) answering every way docs/openapi.json says, on a
 * real node that fetches from a real upstream on 127.0.0.1 (so no answer depends on the internet).
 */
final class AssetRouteScenarios {
    static final String PROXY = "/proxy";
    static final String UPLOAD = "/proxy/upload";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    private static final String PRIVATE_LOGO = "https://shop.example.com/private/logo.png";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Checks one real response against the document. */
    interface Check {
        void check(String method, String template, HttpResponse<String> response) throws Exception;
    }

    private final Check check;

    AssetRouteScenarios(Check check) {
        this.check = check;
    }

    /** Every answer but 429 and 503: a node allowed to fetch from the loopback upstream, assets capped at 1 KiB. */
    void everyAnswer(String allowedOrigin, String refusedOrigin) throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve(upstream, "/site.css", "text/css", "body { background: url(img/bg.png) }");
        serve(upstream, "/page.html", "text/html", "<script>alert(1)</script>");
        upstream.start();
        String origin = "http://127.0.0.1:" + upstream.getAddress().getPort();
        try (TestNode node = TestNode.start("--cross-origin.allowedOrigins=" + allowedOrigin,
                "--assets.allowedDomains=127.0.0.1", "--assets.allowPrivateAddresses=true", "--assets.maxSize=1KiB");
             Joined customer = SessionFixture.customer(node)) {
            uploads(node, customer.userToken(), allowedOrigin, refusedOrigin);
            String s = customer.sessionToken();
            String k = AssetKey.of(customer.userToken());
            for (String method : new String[] {"GET", "HEAD"}) {
                HttpResponse<String> sheet = proxy(node, method, s, k, origin + "/site.css", false);
                if (method.equals("GET")) {
                    assertThat(sheet.body()).as("url()s point at the proxy").contains("url(\"proxy?s=" + s + "&k=");
                }
                HttpResponse<String> uploaded = proxy(node, method, s, k, PRIVATE_LOGO, true);
                assertThat(uploaded.headers().firstValue("Content-Type")).hasValue("image/png");
                proxy(node, method, s, k, "not a url", false); // 400
                proxy(node, method, s, k, "https://evil.example.com/logo.png", false); // 403
                proxy(node, method, s, AssetKey.of("a guess"), PRIVATE_LOGO, false); // 404
                proxy(node, method, s, k, origin + "/page.html", false); // 502: not an asset
            }
        } finally {
            upstream.stop(0);
        }
    }

    private void uploads(TestNode node, String customer, String allowedOrigin, String refusedOrigin) throws Exception {
        for (String origin : new String[] {allowedOrigin, refusedOrigin}) {
            check.check("OPTIONS", UPLOAD, send(node, "OPTIONS", uploadPath(PRIVATE_LOGO), null,
                    "Origin", origin, "Access-Control-Request-Method", "POST"));
        }
        HttpResponse<String> stored = upload(node, customer, "image/png", PNG, "Origin", allowedOrigin);
        assertThat(stored.statusCode()).isEqualTo(204);
        upload(node, customer, "image/png", PNG, "Origin", refusedOrigin); // 403 origin_not_allowed
        upload(node, customer.replaceFirst("\\..*", ".someone"), "image/png", PNG); // 403 forbidden
        upload(node, customer, "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)); // 400
        upload(node, customer, "image/png", new byte[2048]); // 413 over assets.maxSize
    }

    /** With the store gone, both routes answer 503 (the session cannot be looked up). */
    void storeOutage(TestNode node) throws Exception {
        proxy(node, "GET", "123456789", "k", PRIVATE_LOGO, false);
        proxy(node, "HEAD", "123456789", "k", PRIVATE_LOGO, false);
        upload(node, "123456789.someone", "image/png", PNG);
    }

    /** From an address locked out for failed lookups, an upload answers 429. */
    void lockedOut(TestNode node) throws Exception {
        assertThat(upload(node, "123456789.someone", "image/png", PNG).statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> proxy(TestNode node, String method, String s, String k, String u, boolean uploaded)
            throws Exception {
        HttpResponse<String> response = send(node, method, PROXY + "?s=" + s + "&k=" + k + "&u=" + encode(u)
                + (uploaded ? "&up=1" : ""), null);
        check.check(method, PROXY, response);
        return response;
    }

    private HttpResponse<String> upload(TestNode node, String userToken, String type, byte[] body, String... headers)
            throws Exception {
        String[] all = new String[headers.length + 4];
        System.arraycopy(headers, 0, all, 4, headers.length);
        all[0] = "X-Cobrowse-User";
        all[1] = userToken;
        all[2] = "Content-Type";
        all[3] = type;
        HttpResponse<String> response = send(node, "POST", uploadPath(PRIVATE_LOGO), body, all);
        check.check("POST", UPLOAD, response);
        return response;
    }

    private static String uploadPath(String u) {
        return UPLOAD + "?u=" + encode(u);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(TestNode node, String method, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void serve(HttpServer server, String path, String type, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
