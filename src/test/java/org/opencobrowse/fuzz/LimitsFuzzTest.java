package org.opencobrowse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.TestNode;

/**
 * The abuse limits under random sequences: from each of many client addresses (X-Forwarded-For, trusted here), any
 * mix of failed REST lookups, joins and resumes is answered normally up to {@code limits.failedLookups} + 1 failures
 * and with 429 / {@code rate_limited} after, for real tokens too; sockets past {@code limits.connectionsPerAddress}
 * close with 4009; a session on another address keeps streaming throughout.
 */
class LimitsFuzzTest {
    private static final int ADDRESSES = 20;
    private static final int FAILED_LOOKUPS = 3;
    private static final int SOCKETS = 3;
    private static final List<String> KINDS = List.of("rest-session", "rest-history", "rest-stop", "ws-join",
            "ws-resume", "ws-secret");

    private static TestNode node;
    private static HealthyStream healthy;

    @BeforeAll
    static void start() {
        node = TestNode.start("--security.trustForwardedFor=true", "--limits.failedLookups=" + FAILED_LOOKUPS,
                "--limits.lockout=5m", "--limits.connectionsPerAddress=" + SOCKETS, "--limits.eventsPerSecond=100000");
        healthy = HealthyStream.start(node);
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(healthy.stopAndVerify()).as("the healthy session kept streaming").isEmpty();
            System.out.println("FUZZ limits: healthy session: " + healthy.summary());
        } finally {
            healthy.close();
            node.close();
        }
    }

    @Test
    void failedLookupsAndSocketsPerAddressHitTheirDocumentedAnswers() {
        long seed = FuzzRandom.seed();
        FuzzRandom random = new FuzzRandom(seed);
        int attempts = 0;
        for (int a = 0; a < ADDRESSES; a++) {
            String address = "10.1." + a + "." + (1 + random.nextInt(250));
            for (int failure = 1; failure <= FAILED_LOOKUPS + 1; failure++) {
                String kind = random.pick(KINDS);
                assertThat(attempt(kind, address)).as("failure %d by %s (%s, seed %d)", failure, address, kind, seed)
                        .isNotEqualTo("rate_limited");
                attempts++;
            }
            for (int i = 0; i < 2; i++) {
                String kind = random.pick(KINDS);
                assertThat(attempt(kind, address)).as("after the limit, %s by %s (seed %d)", kind, address, seed)
                        .isEqualTo("rate_limited");
                attempts++;
            }
            assertThat(node.get("/rest/live/sessions/" + healthy.sessionToken(), "Origin", origin(),
                    "X-Forwarded-For", address).statusCode()).as("a real token, locked out").isEqualTo(429);
            assertSocketsCapped(address);
        }
        System.out.println("FUZZ limits: " + attempts + " failed lookups from " + ADDRESSES + " addresses, "
                + ADDRESSES * (SOCKETS + 1) + " sockets (seed " + seed + ")");
    }

    /** Makes one failing lookup of {@code kind}; returns its error code. */
    private String attempt(String kind, String address) {
        Map<String, String> from = Map.of("X-Forwarded-For", address);
        return switch (kind) {
            case "rest-session" -> errorOf(node.get("/rest/live/sessions/000000000", "Origin", origin(),
                    "X-Forwarded-For", address));
            case "rest-history" -> errorOf(node.get("/rest/history/sessions/no-such-id", "Origin", origin(),
                    "X-Forwarded-For", address));
            case "rest-stop" -> errorOf(node.get("/rest/live/users/123456789.forged/session/stop",
                    "X-Forwarded-For", address));
            default -> {
                try (FuzzSocket ws = FuzzSocket.connect(node.wsUri(), from)) {
                    String frame = switch (kind) {
                        case "ws-join" -> "{\"type\":\"join\",\"id\":\"x\",\"sessionToken\":\"000000000\",\"role\":2}";
                        case "ws-resume" -> "{\"type\":\"resume\",\"id\":\"x\",\"userToken\":\"123456789.forged\"}";
                        default -> "{\"type\":\"join\",\"id\":\"x\",\"sessionToken\":\"" + healthy.sessionToken()
                                + "\",\"role\":1,\"secret\":\"wrong\"}";
                    };
                    JsonNode reply = ws.request(frame, "x", Duration.ofSeconds(5));
                    yield reply == null ? "no reply" : reply.path("error").asText();
                }
            }
        };
    }

    private static void assertSocketsCapped(String address) {
        List<FuzzSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < SOCKETS; i++) {
                open.add(FuzzSocket.connect(node.wsUri(), Map.of("X-Forwarded-For", address)));
                assertThat(open.get(i).request("{\"type\":\"ping\",\"id\":\"p\"}", "p", Duration.ofSeconds(5)))
                        .as("socket %d of %s", i + 1, address).isNotNull();
            }
            FuzzSocket extra = FuzzSocket.connect(node.wsUri(), Map.of("X-Forwarded-For", address));
            open.add(extra);
            assertThat(extra.closeCode(Duration.ofSeconds(5))).as("one socket too many from %s", address)
                    .isEqualTo(4009);
        } finally {
            open.forEach(FuzzSocket::close);
        }
    }

    private static String errorOf(java.net.http.HttpResponse<String> response) {
        try {
            return FuzzSocket.JSON.readTree(response.body()).path("error").asText();
        } catch (Exception e) {
            return "unparseable " + response.statusCode();
        }
    }

    private static String origin() {
        return "http://localhost:" + node.port();
    }
}
