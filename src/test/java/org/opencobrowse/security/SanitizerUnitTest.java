package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser-side unit tests ({@code frontend/test/*.test.mjs}: the agent's event sanitiser, forged rrweb events
 * in and cleaned events out; the customer's CSS rewriting) with Node's test runner, without a browser.
 */
class SanitizerUnitTest {
    @Test
    void theEventSanitiserPassesItsNodeTests() throws Exception {
        Process node = new ProcessBuilder("node", "--test", Path.of("frontend", "test").toString() + "/")
                .redirectErrorStream(true).start();
        String output;
        try (var in = node.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }
}
