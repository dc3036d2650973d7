package org.opencobrowse.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencobrowse.assets.ProxyRig.proxyPath;
import static org.opencobrowse.assets.ProxyRig.text;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The asset proxy against a real upstream server: what it fetches, how it serves it, and everything it refuses
 * (hosts not allowed, private addresses, redirects elsewhere, oversized, slow or non-asset answers, wrong keys).
 */
class AssetProxyTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] WOFF2 = {'w', 'O', 'F', '2', 0, 1, 0, 0, 0, 0, 0, 42};

    private final Upstream upstream = new Upstream();
    private ProxyRig rig;

    @AfterEach
    void close() throws Exception {
        if (rig != null) {
            rig.close();
        }
        upstream.close();
    }

    private ProxyRig rig(String... flags) {
        rig = new ProxyRig(flags);
        return rig;
    }

    /** The customer's site is served by the upstream under "localhost"; 127.0.0.1 is another host. */
    private ProxyRig.Shared shareSite() {
        return rig.share(upstream.url("localhost", "/shop/index.html"));
    }

    @Test
    void anImageOfAnAllowedDomainIsFetchedOnceAndServedInertWithItsType() {
        rig("--assets.allowedDomains=127.0.0.1", "--assets.allowPrivateAddresses=true");
        upstream.serve("/logo.png", "image/png", PNG);
        ProxyRig.Shared session = shareSite();
        String url = upstream.url("127.0.0.1", "/logo.png");

        HttpResponse<byte[]> first = rig.get(proxyPath(session, url, false));
        HttpResponse<byte[]> second = rig.get(proxyPath(session, url, false));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(PNG);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(first.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(first.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertThat(second.body()).isEqualTo(PNG);
        assertThat(upstream.hits("/logo.png")).as("the second answer comes from the cache").isEqualTo(1);
    }

    @Test
    void theSessionsOwnSiteIsAllowedWithoutBeingListed() {
        rig("--assets.allowPrivateAddresses=true");
        upstream.serve("/font.woff2", "application/octet-stream", WOFF2);
        ProxyRig.Shared session = shareSite();

        HttpResponse<byte[]> own = rig.get(proxyPath(session, upstream.url("localhost", "/font.woff2"), false));
        HttpResponse<byte[]> other = rig.get(proxyPath(session, upstream.url("127.0.0.1", "/font.woff2"), false));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type")).as("a font sent as octet-stream is recognised")
                .hasValue("font/woff2");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(text(other)).contains("\"asset_not_allowed\"");
        assertThat(upstream.hits("/font.woff2")).as("the refused host was never contacted").isEqualTo(1);
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedAtConnectTimeEvenForAllowedHosts() {
        rig("--assets.allowedDomains=localhost,127.0.0.1");
        upstream.serve("/logo.png", "image/png", PNG);
        ProxyRig.Shared session = shareSite();

        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            HttpResponse<byte[]> refused = rig.get(proxyPath(session, upstream.url(host, "/logo.png"), false));
            assertThat(refused.statusCode()).as(host).isEqualTo(403);
            assertThat(text(refused)).contains("\"asset_not_allowed\"");
        }
        assertThat(upstream.hits("/logo.png")).isZero();
    }

    @Test
    void aRedirectIsFollowedOnlyToAnAllowedHost() {
        rig("--assets.allowedDomains=127.0.0.1", "--assets.allowPrivateAddresses=true");
        upstream.serve("/logo.png", "image/png", PNG);
        upstream.serve("/moved", new Upstream.Reply(302, null, new byte[0],
                Map.of("Location", "/logo.png"), 0));
        upstream.serve("/elsewhere", new Upstream.Reply(302, null, new byte[0],
                Map.of("Location", "http://169.254.169.254:" + upstream.port() + "/latest/meta-data"), 0));
        ProxyRig.Shared session = rig.share("https://shop.example.com/");

        HttpResponse<byte[]> moved = rig.get(proxyPath(session, upstream.url("127.0.0.1", "/moved"), false));
        HttpResponse<byte[]> elsewhere = rig.get(proxyPath(session, upstream.url("127.0.0.1", "/elsewhere"), false));

        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.body()).isEqualTo(PNG);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(text(elsewhere)).contains("\"asset_not_allowed\"");
    }

    @Test
    void oversizedSlowFailingAndNonAssetAnswersAre502() {
        rig("--assets.allowedDomains=127.0.0.1", "--assets.allowPrivateAddresses=true", "--assets.maxSize=1KiB",
                "--assets.timeout=500ms");
        upstream.serve("/big.png", "image/png", new byte[2048]);
        upstream.serve("/slow.png", new Upstream.Reply(200, "image/png", PNG, Map.of(), 3000));
        upstream.serve("/page.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        upstream.serve("/script.js", "application/octet-stream", "alert(1)".getBytes(StandardCharsets.UTF_8));
        upstream.serve("/gone.png", new Upstream.Reply(500, "image/png", PNG, Map.of(), 0));
        ProxyRig.Shared session = rig.share("https://shop.example.com/");

        for (String path : new String[] {"/big.png", "/slow.png", "/page.html", "/script.js", "/gone.png"}) {
            long started = System.nanoTime();
            HttpResponse<byte[]> reply = rig.get(proxyPath(session, upstream.url("127.0.0.1", path), false));
            assertThat(reply.statusCode()).as(path).isEqualTo(502);
            assertThat(text(reply)).as(path).contains("\"asset_unavailable\"");
            assertThat((System.nanoTime() - started) / 1_000_000).as(path + " within the timeout").isLessThan(2500);
        }
        assertThat(rig.rejected).hasSize(5).containsOnly("asset_unavailable/rest");
    }

    @Test
    void aStylesheetIsServedWithItsUrlsPointingAtTheProxy() {
        rig("--assets.allowedDomains=127.0.0.1", "--assets.allowPrivateAddresses=true");
        upstream.serve("/css/site.css", "text/css", ("@import 'more.css';\n"
                + "@font-face { font-family: Brand; src: url(../fonts/brand.woff2) format('woff2'); }\n"
                + "body { background: url(\"data:image/png;base64,AAAA\"); } .x { mask: url(#m) }")
                .getBytes(StandardCharsets.UTF_8));
        upstream.serve("/fonts/brand.woff2", "font/woff2", WOFF2);
        ProxyRig.Shared session = rig.share("https://shop.example.com/");

        HttpResponse<byte[]> sheet = rig.get(proxyPath(session, upstream.url("127.0.0.1", "/css/site.css"), false));
        String css = text(sheet);

        assertThat(sheet.headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
        String fontUrl = "proxy?s=" + session.token() + "&k=" + session.key() + "&u="
                + java.net.URLEncoder.encode(upstream.url("127.0.0.1", "/fonts/brand.woff2"), StandardCharsets.UTF_8);
        assertThat(css).contains("url(\"" + fontUrl + "\")")
                .contains("@import url(\"proxy?s=" + session.token() + "&k=" + session.key() + "&u="
                        + java.net.URLEncoder.encode(upstream.url("127.0.0.1", "/css/more.css"), StandardCharsets.UTF_8)
                        + "\")")
                .contains("url(\"data:image/png;base64,AAAA\")").contains("url(\"#m\")")
                .doesNotContain("url(../fonts");
        HttpResponse<byte[]> font = rig.get("/" + fontUrl);
        assertThat(font.statusCode()).as("the rewritten reference, resolved against the sheet, works").isEqualTo(200);
        assertThat(font.body()).isEqualTo(WOFF2);
    }

    @Test
    void withoutTheSessionsKeyNothingIsServedAndNothingTellsWhetherTheSessionExists() {
        rig("--assets.allowedDomains=127.0.0.1", "--assets.allowPrivateAddresses=true");
        upstream.serve("/logo.png", "image/png", PNG);
        ProxyRig.Shared session = rig.share("https://shop.example.com/");
        ProxyRig.Shared wrongKey = new ProxyRig.Shared(session.token(), null, null, AssetKey.of("guess"));
        ProxyRig.Shared unknown = new ProxyRig.Shared("123456789", null, null, session.key());
        String url = upstream.url("127.0.0.1", "/logo.png");

        HttpResponse<byte[]> badKey = rig.get(proxyPath(wrongKey, url, false));
        HttpResponse<byte[]> noSession = rig.get(proxyPath(unknown, url, false));
        HttpResponse<byte[]> noKey = rig.get("/proxy?s=" + session.token() + "&u=" + url);

        assertThat(badKey.statusCode()).isEqualTo(404);
        assertThat(text(badKey)).isEqualTo(text(noSession));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(rig.rawGetStatusLine("/proxy?s=%zz&k=1&u=2")).as("a malformed query").contains(" 400 ");
        assertThat(upstream.hits("/logo.png")).isZero();
        assertThat(rig.rejected).as("counted for the rejected-requests metric").containsExactly("not_found/rest",
                "not_found/rest", "bad_request/rest", "bad_request/rest");
        assertThat(rig.get("/other").statusCode()).as("other paths go to the next handler").isEqualTo(404);
    }

    @Test
    void upstreamCookiesAreNeverSentBack() {
        rig("--assets.allowedDomains=127.0.0.1", "--assets.allowPrivateAddresses=true");
        upstream.serve("/a.png", new Upstream.Reply(200, "image/png", PNG,
                Map.of("Set-Cookie", "sid=secret-of-session-a; Path=/"), 0));
        upstream.serve("/b.png", "image/png", PNG);
        ProxyRig.Shared a = rig.share("https://a.example.com/");
        ProxyRig.Shared b = rig.share("https://b.example.com/");

        rig.get(proxyPath(a, upstream.url("127.0.0.1", "/a.png"), false));
        rig.get(proxyPath(b, upstream.url("127.0.0.1", "/b.png"), false));

        assertThat(upstream.hits("/b.png")).isEqualTo(1);
        assertThat(upstream.cookies).isEmpty();
    }
}
