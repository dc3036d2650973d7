package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.DemoSite;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.web.WebAssets;

/** Served pages carry their security headers: a strict policy on the agent console, a workable one on demo pages. */
class SecurityHeadersTest {

    @Test
    void theAgentConsoleHasAStrictContentSecurityPolicy() {
        try (TestNode node = TestNode.start()) {
            HttpResponse<String> page = node.get("/agent.html");
            String csp = header(page, "Content-Security-Policy");
            assertThat(csp).contains("default-src 'none'", "script-src 'self';", "object-src 'none'",
                    "base-uri 'none'", "form-action 'none'", "img-src 'self' data: blob:",
                    "style-src 'self' 'unsafe-inline'", "frame-ancestors 'self'",
                    "connect-src 'self' ws://localhost:" + node.port() + " wss://localhost:" + node.port());
            assertThat(directive(csp, "script-src")).doesNotContain("unsafe", "data:", "*");
            assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header(page, "Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(header(page, "X-Frame-Options")).isEqualTo("SAMEORIGIN");
            // The page itself needs nothing the policy refuses: no inline script, handler or style.
            assertThat(page.body()).containsPattern("<script src=\"js/agent.js\"")
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
                    .doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("<style", " style=");

            HttpResponse<String> script = node.get("/js/agent.js");
            assertThat(header(script, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header(script, "Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(script.headers().firstValue("Content-Security-Policy")).isEmpty();
        }
    }

    @Test
    void agentOriginsMayFrameTheConsole() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/cobrowse");
        context.setHandler(new WebAssets(r -> "", "agent.html", List.of("https://desktop.example.com",
                "https://*.crm.example.org")));
        server.setHandler(context);
        server.start();
        try {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + connector.getLocalPort() + "/cobrowse/agent.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(directive(header(page, "Content-Security-Policy"), "frame-ancestors"))
                    .isEqualTo("frame-ancestors 'self' https://desktop.example.com https://*.crm.example.org");
            assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty(); // it cannot name several origins
        } finally {
            server.stop();
        }
    }

    @Test
    void demoPagesMayRunTheCustomerScriptFromTheCobrowseServer() {
        String[] nodeUrl = new String[1];
        try (TestNode node = TestNode.start(); DemoSite site = DemoSite.start(() -> nodeUrl[0])) {
            nodeUrl[0] = node.node().baseUri().toString();
            String nodeOrigin = "http://localhost:" + node.port();

            HttpResponse<String> shop = get(site.page("index.html"));
            String csp = header(shop, "Content-Security-Policy");
            assertThat(directive(csp, "script-src")).isEqualTo("script-src 'self' " + nodeOrigin);
            assertThat(directive(csp, "connect-src")).contains(nodeOrigin, "ws://localhost:" + node.port());
            assertThat(csp).contains("object-src 'none'", "frame-ancestors 'self'");
            assertThat(header(shop, "X-Frame-Options")).isEqualTo("SAMEORIGIN");
            assertThat(header(shop, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header(shop, "Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");

            // A page with its own inline script and handlers is allowed exactly those, by hash; never 'unsafe-inline'.
            String fixture = directive(header(get(site.page("e2e/write.html")), "Content-Security-Policy"),
                    "script-src");
            assertThat(fixture).contains("'sha256-", "'unsafe-hashes'").doesNotContain("'unsafe-inline'");

            HttpResponse<String> served = node.get("/demo/index.html");
            assertThat(directive(header(served, "Content-Security-Policy"), "script-src"))
                    .isEqualTo("script-src 'self' " + nodeOrigin);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            if (part.trim().startsWith(name + " ")) {
                return part.trim();
            }
        }
        throw new AssertionError("no " + name + " in " + csp);
    }
}
