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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencobrowse.realtime.CloseCode;

/**
 * Hand-made WebSocket frames that no real client sends, on sockets that have or have not joined a session: the server
 * answers, or closes with a standard or documented code, and never leaves a half-closed socket open; the node stays
 * healthy and the healthy session keeps streaming.
 */
class RawFrameFuzzTest extends FuzzTestBase {
    static final int CASES = 300;
    private static final int THREADS = 8;
    /** RFC 6455 codes a server may use for a broken client, and our documented ones. */
    private static final Set<Integer> CLOSE_CODES = Stream.concat(Stream.of(1000, 1001, 1002, 1003, 1005, 1007, 1008,
            1009), Arrays.stream(CloseCode.values()).map(CloseCode::code)).collect(Collectors.toSet());
    private static final String ALIVE = "{\"type\":\"ping\",\"id\":\"alive\"}";

    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private String sessionToken;

    @Test
    void malformedWireFramesAreRefusedWithoutHarm() throws Exception {
        FuzzSocket customer = FuzzSocket.connect(node.wsUri());
        sessionToken = customer.request("{\"type\":\"create\",\"id\":\"c\"}", "c", Duration.ofSeconds(5))
                .path("sessionToken").asText();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                FuzzRandom random = new FuzzRandom(seed + t);
                int share = CASES / THREADS + (t < CASES % THREADS ? 1 : 0);
                work.add(pool.submit(() -> {
                    RawFrameGenerator cases = new RawFrameGenerator(random);
                    for (int i = 0; i < share; i++) {
                        run(cases.next(), random.chance(0.3));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            customer.close();
        }
        assertNodeAnswersHealth();
        assertThat(violations.stream().limit(30).toList()).as("raw frame violations (seed %d)", seed).isEmpty();
    }

    private void run(RawFrameGenerator.Case c, boolean joinFirst) throws Exception {
        count("raw frame cases");
        try (RawWebSocket ws = RawWebSocket.open(node.port(), "/cobrowse/ws")) {
            if (joinFirst) {
                ws.write(RawWebSocket.text("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + sessionToken
                        + "\",\"role\":2}"));
                check(c, ws.read(3000, "\"id\":\"j\""));
            }
            if (c.kind().equals("split-writes")) {
                for (byte b : c.bytes()) {
                    ws.write(new byte[] {b});
                }
            } else {
                ws.write(c.bytes());
            }
            RawWebSocket.Outcome outcome = null;
            if (!c.incomplete()) {
                ws.write(RawWebSocket.text(ALIVE));
                outcome = ws.read(1500, "\"id\":\"alive\"");
            }
            if (outcome == null || outcome.silent()) {
                ws.shutdownOutput(); // the server may be waiting for the rest of a frame: tell it there is none
                outcome = ws.read(3000, null);
                if (outcome.silent()) {
                    violation(c, "the server kept the socket open after the client's end of stream");
                }
            }
            check(c, outcome);
            count("raw " + c.kind() + (outcome.said("\"id\":\"alive\"") ? " answered" : outcome.closeCode() != null
                    ? " closed " + outcome.closeCode() : " ended"));
        } catch (java.io.IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Upgrade refused")) {
                violation(c, e.getMessage());
            }
            count("raw " + c.kind() + " reset");
        }
    }

    private void check(RawFrameGenerator.Case c, RawWebSocket.Outcome outcome) {
        if (outcome.closeCode() != null && !CLOSE_CODES.contains(outcome.closeCode())) {
            violation(c, "closed with " + outcome.closeCode());
        }
        for (String text : outcome.texts()) {
            try {
                JsonNode frame = FuzzSocket.JSON.readTree(text);
                if (frame.path("error").asText().equals("internal")) {
                    violation(c, "internal error reply " + text);
                }
            } catch (Exception e) {
                violation(c, "unparseable frame " + text);
            }
        }
    }

    private void violation(RawFrameGenerator.Case c, String what) {
        violations.add(c.kind() + ": " + what + " <- " + java.util.HexFormat.of().formatHex(c.bytes(), 0,
                Math.min(48, c.bytes().length)));
    }
}
