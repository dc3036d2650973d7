package org.opencobrowse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencobrowse.errors.ErrorCode;

/**
 * Thousands of random and malformed HTTP requests to every route: no 5xx but the documented 503s, every error body
 * is {@code {"error", "message"}} from the catalogue, no request hangs, the node stays healthy and the healthy
 * session keeps streaming.
 */
class RestFuzzTest extends FuzzTestBase {
    static final int REQUESTS = 2000;
    private static final int THREADS = 4;
    private static final int CHUNK = 100;
    private static final Set<String> CATALOGUE = Arrays.stream(ErrorCode.values()).map(ErrorCode::code)
            .collect(Collectors.toSet());
    private static final Set<String> DOCUMENTED_503 = Set.of("unavailable", "too_many_sessions");

    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyRouteAnswersRandomRequestsWithDocumentedStatusesAndErrors() throws Exception {
        HttpRequestGenerator.Known known = victimSession();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<HttpRequestGenerator> generators = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                generators.add(new HttpRequestGenerator(new FuzzRandom(seed + t), node.port(), known));
            }
            for (int done = 0; done < REQUESTS; done += CHUNK) {
                List<Future<?>> work = new ArrayList<>();
                for (HttpRequestGenerator generator : generators) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < CHUNK / THREADS; i++) {
                            check(generator.next());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                assertNodeAnswersHealth();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations.stream().limit(30).toList()).as("REST fuzz violations (seed %d)", seed).isEmpty();
    }

    /** A session of its own with a controller, so that stop and history have real tokens to work on. */
    private static HttpRequestGenerator.Known victimSession() {
        FuzzSocket customer = FuzzSocket.connect(node.wsUri());
        JsonNode created = customer.request("{\"type\":\"create\",\"id\":\"c\"}", "c", Duration.ofSeconds(5));
        String token = created.path("sessionToken").asText();
        JsonNode c = customer.request("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + token
                + "\",\"role\":1,\"secret\":\"" + created.path("customerSecret").asText() + "\"}", "j",
                Duration.ofSeconds(5));
        FuzzSocket controller = FuzzSocket.connect(node.wsUri());
        JsonNode k = controller.request("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + token
                + "\",\"role\":3}", "j", Duration.ofSeconds(5));
        return new HttpRequestGenerator.Known(healthy.sessionToken(), k.path("userToken").asText(),
                c.path("userToken").asText(), c.path("sessionHistoryId").asText());
    }

    private void check(HttpRequestGenerator.Request request) throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(node.port(), request.bytes(), 10_000);
        count("REST requests sent");
        if (reply.status() == -1) {
            violation(request, "no answer and no close within 10 s");
            return;
        }
        if (reply.status() == 0) {
            count("REST connections closed without an answer");
            return;
        }
        count("REST answers " + reply.status() / 100 + "xx");
        count("REST answers " + reply.status());
        String error = errorCode(reply);
        if (reply.status() >= 500 && !(reply.status() == 503 && DOCUMENTED_503.contains(error))) {
            violation(request, reply.status() + " " + reply.bodyText());
        }
        boolean hasBody = !request.method().equals("HEAD");
        if (reply.status() >= 400 && hasBody && error == null) {
            violation(request, reply.status() + " without a catalogue error body: " + reply.bodyText());
        }
    }

    /** The catalogue code of a {"error", "message"} body, or null when the body is not one. */
    private static String errorCode(RawHttp.Reply reply) {
        try {
            JsonNode body = FuzzSocket.JSON.readTree(reply.body());
            String code = body.path("error").asText(null);
            return code != null && CATALOGUE.contains(code) && body.path("message").isTextual() ? code : null;
        } catch (Exception e) {
            return null;
        }
    }

    private void violation(HttpRequestGenerator.Request request, String what) {
        String requestText = new String(request.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        violations.add(what + " <- " + requestText.substring(0, Math.min(300, requestText.length())));
    }
}
