package org.opencobrowse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.realtime.CloseCode;

/**
 * Thousands of random and malformed frames of every type, from a socket that has not joined and from each role: every
 * answer is a documented frame, never {@code internal}; a socket is only ever closed with a documented close code;
 * every socket still open answers a ping; the node stays healthy and the healthy session keeps streaming.
 */
class SocketFrameFuzzTest extends FuzzTestBase {
    static final int FRAMES = 3000;
    private static final int BATCH = 12;
    private static final int OVERSIZED_DOM_FRAMES = 3;
    private static final Set<String> CATALOGUE = Arrays.stream(ErrorCode.values()).map(ErrorCode::code)
            .collect(Collectors.toSet());
    private static final Set<Integer> CLOSE_CODES = Arrays.stream(CloseCode.values()).map(CloseCode::code)
            .collect(Collectors.toSet());

    private final List<String> violations = new ArrayList<>();
    private int probes;

    @Test
    void everyFrameTypeFromEveryRoleGetsADocumentedAnswer() {
        FuzzRandom random = new FuzzRandom(seed);
        FrameGenerator frames = new FrameGenerator(random);
        try (FuzzRoster roster = new FuzzRoster(node)) {
            int sent = 0;
            int batches = 0;
            int oversized = 0;
            while (sent < FRAMES) {
                for (int i = 0; i < BATCH; i++, sent++) {
                    int slot = random.nextInt(FuzzRoster.SLOTS.size());
                    roster.socket(slot).send(frames.frame(roster.target()));
                    count("socket frames sent from " + FuzzRoster.SLOTS.get(slot));
                }
                if (oversized < OVERSIZED_DOM_FRAMES && random.chance(0.03)) {
                    oversized++;
                    roster.socket(1).send("{\"type\":\"dom\",\"events\":[\"" + "x".repeat(1_100_000) + "\"]}");
                    count("socket frames sent oversized dom");
                    sent++;
                }
                if (!probe(roster)) {
                    roster.rebuild();
                    count("socket fuzz sessions rebuilt");
                }
                if (++batches % 25 == 0) {
                    assertNodeAnswersHealth();
                }
            }
        }
        assertNodeAnswersHealth();
        assertThat(violations).as("socket fuzz violations (seed %d)", seed).isEmpty();
    }

    /** Checks every socket of the roster; false when one was closed (the roster must be rebuilt). */
    private boolean probe(FuzzRoster roster) {
        boolean allOpen = true;
        for (int slot = 0; slot < FuzzRoster.SLOTS.size(); slot++) {
            FuzzSocket socket = roster.socket(slot);
            JsonNode pong = ping(socket, Duration.ofMillis(500));
            if (pong == null && socket.closeCode(Duration.ofMillis(300)) == null) {
                pong = ping(socket, Duration.ofSeconds(5)); // slow, not closed: give it more time
            }
            socket.drain().forEach(this::checkAnswer);
            if (pong != null) {
                checkAnswer(pong.toString());
                continue;
            }
            allOpen = false;
            Integer code = socket.closeCode(Duration.ofSeconds(2));
            String role = FuzzRoster.SLOTS.get(slot);
            if (code == null) {
                violation("the " + role + " socket is open but did not answer a ping within 5 s");
            } else if (!CLOSE_CODES.contains(code)) {
                violation("the " + role + " socket was closed with undocumented code " + code);
            } else {
                count("socket closes with " + code + " (" + role + ")");
            }
        }
        return allOpen;
    }

    private JsonNode ping(FuzzSocket socket, Duration wait) {
        String id = "probe-" + (++probes);
        return socket.isOpen() ? socket.request("{\"type\":\"ping\",\"id\":\"" + id + "\"}", id, wait) : null;
    }

    private void checkAnswer(String text) {
        count("socket frames received");
        JsonNode frame;
        try {
            frame = FuzzSocket.JSON.readTree(text);
        } catch (Exception e) {
            violation("unparseable frame from the server: " + text);
            return;
        }
        if (frame.path("type").asText().equals("error")) {
            String code = frame.path("error").asText();
            count("socket error replies " + code);
            if (!CATALOGUE.contains(code) || code.equals(ErrorCode.INTERNAL.code())
                    || !frame.path("message").isTextual()) {
                violation("error reply outside the catalogue or internal: " + text);
            }
        }
    }

    private void violation(String text) {
        if (violations.size() < 30) {
            violations.add(text);
        }
    }
}
