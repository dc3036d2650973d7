package org.opencobrowse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/**
 * docs/openapi.json describes the REST API as it really answers: every documented response (operation and status)
 * is produced by a real node here and checked against its headers and schema, and nothing undocumented comes back.
 * The asset proxy's routes are driven by {@link AssetRouteScenarios}.
 */
class OpenApiContractTest {
    private static final String ALLOWED = "https://shop.example.com";
    private static final String REFUSED = "https://evil.example.com";
    private static final String TOKEN = "metrics-token-for-the-contract-test";
    private static final String SESSION = "/rest/live/sessions/{sessionToken}";
    private static final String STOP = "/rest/live/users/{userToken}/session/stop";
    private static final String HISTORY = "/rest/history/sessions/{sessionHistoryId}";

    private final OpenApiContract contract = new OpenApiContract();
    private final AssetRouteScenarios assets = new AssetRouteScenarios(this::check);

    OpenApiContractTest() throws Exception {
    }

    @Test
    void everyDocumentedResponseIsWhatARealNodeAnswers() throws Exception {
        try (TestNode node = TestNode.start("--cross-origin.allowedOrigins=" + ALLOWED)) {
            liveRoutes(node);
            operationsRoutes(node);
            node.node().drain();
            check("GET", "/health", node.get("/health"));
            check("HEAD", "/health", node.request("HEAD", "/health"));
            check("POST", "/rest/live/sessions", node.post("/rest/live/sessions"));
        }
        try (TestNode node = TestNode.start("--metrics.token=" + TOKEN)) {
            check("GET", "/metrics", node.get("/metrics"));
            check("GET", "/metrics", node.get("/metrics", "Authorization", "Bearer " + TOKEN));
        }
        assets.everyAnswer(ALLOWED, REFUSED);
        storeOutage();
        agentAuthAndLockout();
        Set<String> missing = new HashSet<>(contract.documentedResponses());
        missing.removeAll(contract.seen());
        assertThat(missing).as("documented responses no scenario produced").isEmpty();
    }

    private void liveRoutes(TestNode node) throws Exception {
        HttpResponse<String> created = node.post("/rest/live/sessions");
        check("POST", "/rest/live/sessions", created);
        check("POST", "/rest/live/sessions", node.post("/rest/live/sessions", "Origin", ALLOWED));
        check("POST", "/rest/live/sessions", node.post("/rest/live/sessions", "Origin", REFUSED));
        preflights(node, "/rest/live/sessions", "/rest/live/sessions", "POST");

        String token = WsClient.JSON.readTree(created.body()).path("sessionToken").asText();
        check("GET", SESSION, node.get("/rest/live/sessions/" + token, "Origin", ALLOWED));
        check("GET", SESSION, node.get("/rest/live/sessions/" + token));
        check("GET", SESSION, node.get("/rest/live/sessions/000000000", "Referer", ALLOWED + "/page"));
        preflights(node, SESSION, "/rest/live/sessions/" + token, "GET");

        Joined customer = SessionFixture.customer(node);
        String historyId = customer.reply().path("sessionHistoryId").asText();
        String history = "/rest/history/sessions/" + historyId;
        check("GET", HISTORY, node.get(history, "Origin", ALLOWED)); // times still null
        Joined agent = SessionFixture.agent(node, customer.sessionToken(), 2, "Ann");
        Joined controller = SessionFixture.agent(node, customer.sessionToken(), 3, "Carl");
        customer.ws().send("{\"type\":\"page\",\"url\":\"https://shop.example.com/cart\"}");
        check("GET", HISTORY, node.get(history, "Referer", ALLOWED + "/cart"));
        check("GET", HISTORY, node.get(history));
        check("GET", HISTORY, node.get("/rest/history/sessions/0123456789abcdef0123456789abcdef", "Origin", ALLOWED));
        preflights(node, HISTORY, history, "GET");

        check("GET", STOP, node.get("/rest/live/users/" + agent.userToken() + "/session/stop"));
        check("GET", STOP, node.get("/rest/live/users/" + controller.userToken() + "/session/stop",
                "Origin", REFUSED));
        check("GET", STOP, node.get("/rest/live/users/" + customer.sessionToken() + ".nobody/session/stop"));
        preflights(node, STOP, "/rest/live/users/" + controller.userToken() + "/session/stop", "GET");
        check("GET", STOP, node.get("/rest/live/users/" + controller.userToken() + "/session/stop",
                "Origin", ALLOWED));
        check("GET", STOP, node.get("/rest/live/users/" + controller.userToken() + "/session/stop"));
        check("GET", HISTORY, node.get(history, "Origin", ALLOWED)); // every time set, one page
    }

    private void preflights(TestNode node, String template, String path, String method) throws Exception {
        check("OPTIONS", template, node.request("OPTIONS", path, "Origin", ALLOWED,
                "Access-Control-Request-Method", method));
        check("OPTIONS", template, node.request("OPTIONS", path, "Origin", REFUSED,
                "Access-Control-Request-Method", method));
    }

    private void operationsRoutes(TestNode node) throws Exception {
        check("GET", "/health", node.get("/health"));
        check("HEAD", "/health", node.request("HEAD", "/health"));
        check("GET", "/metrics", node.get("/metrics"));
        HttpResponse<String> served = node.get("/openapi.json");
        check("GET", "/openapi.json", served);
        assertThat(WsClient.JSON.readTree(served.body())).as("served = docs/openapi.json")
                .isEqualTo(contract.document());
    }

    /** With Redis gone, the routes that read the store answer 503 unavailable. */
    private void storeOutage() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestNode node = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Contract_A",
                     "--redis.timeout=500ms")) {
            redis.kill();
            check("GET", SESSION, node.get("/rest/live/sessions/123456789", "Origin", node.uri("").toString()
                    .replaceFirst("/cobrowse$", "")));
            check("GET", STOP, node.get("/rest/live/users/123456789.someone/session/stop"));
            check("GET", HISTORY, node.get("/rest/history/sessions/0123456789abcdef0123456789abcdef",
                    "Referer", node.uri("/agent.html").toString()));
            check("POST", "/rest/live/sessions", node.post("/rest/live/sessions"));
            assets.storeOutage(node);
        }
    }

    /** With agent JWTs on, lookups without a bearer token get 401; an address that keeps failing gets 429. */
    private void agentAuthAndLockout() throws Exception {
        try (TestNode node = TestNode.start("--cross-origin.allowedOrigins=" + ALLOWED, "--security.agentAuth=jwt",
                "--security.jwtSecret=contract-test-secret-of-32-bytes-at-least", "--limits.failedLookups=1")) {
            check("GET", SESSION, node.get("/rest/live/sessions/123456789", "Origin", ALLOWED));
            check("GET", HISTORY, node.get("/rest/history/sessions/0123456789abcdef0123456789abcdef",
                    "Origin", ALLOWED));
            check("GET", SESSION, node.get("/rest/live/sessions/123456789", "Origin", ALLOWED));
            check("GET", HISTORY, node.get("/rest/history/sessions/0123456789abcdef0123456789abcdef",
                    "Origin", ALLOWED));
            check("GET", STOP, node.get("/rest/live/users/123456789.someone/session/stop"));
            assets.lockedOut(node);
        }
    }

    private void check(String method, String template, HttpResponse<String> response) throws Exception {
        contract.check(method, template, response);
    }

    @Test
    void theErrorCodesOfTheDocumentAreTheCatalogue() {
        JsonNode codes = contract.document().at("/components/schemas/Error/properties/error/enum");
        assertThat(codes).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
    }

    @Test
    void everyReferenceResolvesAndTheVersionIsOpenApi31() {
        assertThat(contract.document().path("openapi").asText()).startsWith("3.1.");
        assertThat(contract.references()).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/");
            assertThat(contract.document().at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        });
    }
}
