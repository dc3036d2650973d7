package org.opencobrowse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** CORS as the seed puts it: allowed, refused, missing headers, Referer only, preflight, wildcards. */
class CorsTest {
    private static final String SHOP = "https://shop.example.com";
    private static TestNode node;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start("--cross-origin.allowedOrigins=" + SHOP + ", https://*.partner.com, http://localhost:9000");
        token = WsClient.JSON.readTree(node.post("/rest/live/sessions").body()).path("sessionToken").asText();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> getSession(String... headers) {
        return node.get("/rest/live/sessions/" + token, headers);
    }

    @Test
    void allowedOriginGetsCorsHeadersWithCredentials() {
        HttpResponse<String> response = getSession("Origin", SHOP);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void refusedOriginIs403WithoutCorsHeaders() {
        HttpResponse<String> response = getSession("Origin", "https://evil.example.net");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\":\"origin_not_allowed\"");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void getSessionWithoutOriginOrRefererIsRefused() {
        assertThat(getSession().statusCode()).isEqualTo(403);
    }

    @Test
    void refererAloneIsEnoughWhenItsOriginIsAllowed() {
        assertThat(getSession("Referer", SHOP + "/checkout?step=2").statusCode()).isEqualTo(200);
        assertThat(getSession("Referer", "https://evil.example.net/x").statusCode()).isEqualTo(403);
        assertThat(getSession("Referer", "not a url").statusCode()).isEqualTo(403);
    }

    @Test
    void theNodesOwnOriginIsAlwaysAllowed() {
        assertThat(getSession("Origin", "http://localhost:" + node.port()).statusCode()).isEqualTo(200);
    }

    @Test
    void wildcardMatchesSubdomainsButNotTheBareDomainOrOtherSchemes() {
        assertThat(getSession("Origin", "https://agents.partner.com").statusCode()).isEqualTo(200);
        assertThat(getSession("Origin", "https://a.b.partner.com").statusCode()).isEqualTo(200);
        assertThat(getSession("Origin", "https://partner.com").statusCode()).isEqualTo(403);
        assertThat(getSession("Origin", "http://agents.partner.com").statusCode()).isEqualTo(403);
        assertThat(getSession("Origin", "https://evilpartner.com").statusCode()).isEqualTo(403);
    }

    @Test
    void portIsPartOfTheOrigin() {
        assertThat(getSession("Origin", "http://localhost:9000").statusCode()).isEqualTo(200);
        assertThat(getSession("Origin", "http://localhost:9001").statusCode()).isEqualTo(403);
    }

    @Test
    void preflightIsAnsweredForAllowedOriginsAndRefusedForOthers() {
        HttpResponse<String> allowed = node.request("OPTIONS", "/rest/live/sessions", "Origin", SHOP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST, OPTIONS");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");

        HttpResponse<String> refused = node.request("OPTIONS", "/rest/live/sessions/" + token,
                "Origin", "https://evil.example.net", "Access-Control-Request-Method", "GET");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void createFromAnAllowedSiteGetsCorsHeadersAndFromOthersIsRefused() {
        HttpResponse<String> allowed = node.post("/rest/live/sessions", "Origin", SHOP);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(node.post("/rest/live/sessions", "Origin", "https://evil.example.net").statusCode()).isEqualTo(403);
        assertThat(node.post("/rest/live/sessions").statusCode()).as("non-browser callers send no Origin")
                .isEqualTo(200);
    }

    @Test
    void starAllowsAnyOrigin() throws Exception {
        try (TestNode open = TestNode.start("--cross-origin.allowedOrigins=*")) {
            String t = WsClient.JSON.readTree(open.post("/rest/live/sessions").body()).path("sessionToken").asText();
            HttpResponse<String> response = open.get("/rest/live/sessions/" + t, "Origin", "https://anything.test");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://anything.test");
        }
    }
}
