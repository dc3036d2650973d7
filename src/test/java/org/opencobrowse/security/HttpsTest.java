package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencobrowse.testing.TestNode;

/** TLS on https.port with a PKCS12 keystore: HSTS, secure cookies, wss, and the optional HTTP → HTTPS redirect. */
class HttpsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path keystore;
    static HttpClient https;

    @BeforeAll
    static void createCertificate() throws Exception {
        keystore = dir.resolve("node.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static TestNode start(String... extra) {
        String[] flags = new String[extra.length + 3];
        flags[0] = "--https.port=0";
        flags[1] = "--https.keystore=" + keystore;
        flags[2] = "--https.keystorePassword=" + PASSWORD;
        System.arraycopy(extra, 0, flags, 3, extra.length);
        return TestNode.start(flags);
    }

    private static URI secure(TestNode node, String path) {
        return URI.create("https://localhost:" + node.node().httpsPort() + "/cobrowse" + path);
    }

    @Test
    void httpsServesTheApiWithHstsAndSecureCookiesAndWss() throws Exception {
        try (TestNode node = start()) {
            HttpResponse<String> created = https.send(HttpRequest.newBuilder(secure(node, "/rest/live/sessions"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(created.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            assertThat(created.headers().firstValue("Set-Cookie")).get().asString().endsWith("; Secure");
            // Plain HTTP still works without the redirect, and never claims HSTS.
            HttpResponse<String> plain = node.post("/rest/live/sessions");
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket ws = https.newWebSocketBuilder().buildAsync(
                    URI.create(secure(node, "/ws").toString().replaceFirst("^https", "wss")), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"ping\",\"id\":1}", true);
            assertThat(reply.get(10, TimeUnit.SECONDS)).contains("\"type\":\"pong\"");
            ws.abort();
        }
    }

    @Test
    void plainHttpIsRedirectedExceptHealth() throws Exception {
        try (TestNode node = start("--https.redirect=true", "--https.hstsMaxAge=1d")) {
            HttpResponse<String> redirected = node.get("/agent.html?token=123456789");
            assertThat(redirected.statusCode()).isEqualTo(308);
            assertThat(redirected.headers().firstValue("Location")).hasValue(
                    "https://localhost:" + node.node().httpsPort() + "/cobrowse/agent.html?token=123456789");
            assertThat(node.get("/health").statusCode()).isEqualTo(200);
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(secure(node, "/agent.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=86400");
        }
    }
}
