package org.opencobrowse.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencobrowse.assets.AssetProxyTest.PNG;
import static org.opencobrowse.assets.AssetProxyTest.WOFF2;
import static org.opencobrowse.assets.ProxyRig.proxyPath;
import static org.opencobrowse.assets.ProxyRig.text;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Assets the customer script uploads (it could read them with the visitor's cookies; the server cannot fetch them):
 * only the session's customer uploads, only that session's agents get them, and an agent asking a moment before the
 * upload lands still gets it.
 */
class AssetUploadTest {
    private static final String SITE = "https://intranet.example.com";
    private static final String PRIVATE_LOGO = SITE + "/private/logo.png";

    private final ProxyRig rig = new ProxyRig("--cross-origin.allowedOrigins=" + SITE, "--assets.maxSize=1KiB",
            "--assets.cacheSize=3KiB");

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    @Test
    void theCustomersUploadIsServedToItsSessionOnly() {
        ProxyRig.Shared mine = rig.share(SITE + "/account");
        ProxyRig.Shared other = rig.share(SITE + "/account");

        HttpResponse<byte[]> upload = rig.upload(mine.customerUserToken(), PRIVATE_LOGO, "image/png", PNG, SITE);
        HttpResponse<byte[]> served = rig.get(proxyPath(mine, PRIVATE_LOGO, true));
        HttpResponse<byte[]> otherSession = rig.get(proxyPath(other, PRIVATE_LOGO, false));

        assertThat(upload.statusCode()).isEqualTo(204);
        assertThat(upload.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(PNG);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(otherSession.statusCode()).as("another session never gets it (the server cannot fetch it either)")
                .isIn(403, 502);
        assertThat(otherSession.body()).isNotEqualTo(PNG);
    }

    @Test
    void anAgentAskingBeforeTheUploadLandsGetsItOnceItDoes() throws Exception {
        ProxyRig.Shared session = rig.share(SITE + "/account");
        CompletableFuture<HttpResponse<byte[]>> early = CompletableFuture.supplyAsync(() ->
                rig.get(proxyPath(session, SITE + "/fonts/brand.woff2", true)));
        Thread.sleep(400);
        assertThat(early).isNotDone();

        rig.upload(session.customerUserToken(), SITE + "/fonts/brand.woff2", "application/octet-stream", WOFF2, SITE);

        HttpResponse<byte[]> served = early.get();
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("font/woff2");
    }

    @Test
    void onlyTheCustomerUploadsAndOnlyAssetsWithinTheSizeCap() {
        ProxyRig.Shared session = rig.share(SITE + "/account");

        assertThat(rig.upload(session.agentUserToken(), PRIVATE_LOGO, "image/png", PNG, SITE).statusCode())
                .as("an agent").isEqualTo(403);
        assertThat(rig.upload(null, PRIVATE_LOGO, "image/png", PNG, SITE).statusCode()).as("nobody").isEqualTo(403);
        assertThat(rig.upload(session.customerUserToken(), PRIVATE_LOGO, "image/png", PNG, "https://evil.example")
                .statusCode()).as("a page of another origin").isEqualTo(403);
        HttpResponse<byte[]> big = rig.upload(session.customerUserToken(), PRIVATE_LOGO, "image/png", new byte[2048],
                SITE);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(text(big)).contains("\"payload_too_large\"");
        HttpResponse<byte[]> html = rig.upload(session.customerUserToken(), SITE + "/x.html", "text/html",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), SITE);
        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(rig.get(proxyPath(session, PRIVATE_LOGO, false)).statusCode()).as("nothing was stored")
                .isIn(403, 502);
    }

    @Test
    void oneSessionUploadsAtMostTheCacheSizeWhileUploadingTheSameUrlAgainCostsNothing() {
        ProxyRig.Shared session = rig.share(SITE + "/account");
        for (int i = 0; i < 5; i++) {
            assertThat(rig.upload(session.customerUserToken(), SITE + "/same.png", "image/png", new byte[1000], SITE)
                    .statusCode()).as("the same URL again").isEqualTo(204);
        }
        assertThat(rig.upload(session.customerUserToken(), SITE + "/two.png", "image/png", new byte[1000], SITE)
                .statusCode()).isEqualTo(204);
        assertThat(rig.upload(session.customerUserToken(), SITE + "/three.png", "image/png", new byte[1000], SITE)
                .statusCode()).isEqualTo(204);
        HttpResponse<byte[]> over = rig.upload(session.customerUserToken(), SITE + "/four.png", "image/png",
                new byte[1000], SITE);
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(text(over)).contains("assets.cacheSize");
        ProxyRig.Shared other = rig.share(SITE + "/account");
        assertThat(rig.upload(other.customerUserToken(), SITE + "/four.png", "image/png", new byte[1000], SITE)
                .statusCode()).as("another session has its own budget").isEqualTo(204);
    }

    @Test
    void theUploadPreflightAllowsTheCustomersSiteOnly() {
        HttpResponse<byte[]> allowed = ProxyRig.send(HttpRequest.newBuilder(URI.create(rig.base() + "/proxy/upload?u=x"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST"));
        HttpResponse<byte[]> refused = ProxyRig.send(HttpRequest.newBuilder(URI.create(rig.base() + "/proxy/upload?u=x"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains(AssetRoutes.USER_HEADER);
        assertThat(refused.statusCode()).isEqualTo(403);
    }
}
