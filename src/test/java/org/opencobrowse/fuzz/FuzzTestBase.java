package org.opencobrowse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opencobrowse.testing.LogCapture;
import org.opencobrowse.testing.TestNode;

/**
 * One real node per fuzz test class, with limits raised so that fuzzing measures robustness, not rate limits; a
 * {@link HealthyStream} runs beside the fuzzing for the whole class. Afterwards the class fails if the healthy
 * session missed a frame, the node logged an error or an exception, or {@code /health} is not 200; it prints its
 * counts ({@code FUZZ ...} lines) for the report.
 */
abstract class FuzzTestBase {
    static final String[] NODE_FLAGS = {"--limits.failedLookups=1000000", "--limits.connectionsPerAddress=100000",
        "--limits.eventsPerSecond=100000", "--realtime.maxDomFrameSize=1MiB"};

    static TestNode node;
    static HealthyStream healthy;
    static long seed;
    private static LogCapture logs;
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static long startedNanos;

    @BeforeAll
    static void startNodeAndHealthySession() {
        COUNTS.clear();
        startedNanos = System.nanoTime();
        seed = FuzzRandom.seed();
        logs = LogCapture.start();
        node = TestNode.start(NODE_FLAGS);
        healthy = HealthyStream.start(node);
    }

    @AfterAll
    static void verifyNodeAndHealthySession() {
        try {
            List<String> healthProblems = healthy.stopAndVerify();
            System.out.println("FUZZ seed=" + seed + " (replay: -Dfuzz.seed=" + seed + ")");
            new TreeMap<>(COUNTS).forEach((name, n) -> System.out.println("FUZZ " + name + " = " + n.sum()));
            System.out.println("FUZZ healthy session: " + healthy.summary());
            System.out.printf("FUZZ elapsed %.1f s%n", (System.nanoTime() - startedNanos) / 1e9);
            assertThat(healthProblems).as("the healthy session kept streaming (seed %d)", seed).isEmpty();
            assertNodeAnswersHealth();
            assertThat(logs.events().stream().filter(FuzzTestBase::isFailure).map(FuzzTestBase::describe).toList())
                    .as("errors and exceptions the node logged (seed %d)", seed).isEmpty();
        } finally {
            healthy.close();
            logs.close();
            node.close();
        }
    }

    static void count(String name) {
        count(name, 1);
    }

    static void count(String name, long n) {
        COUNTS.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    static void assertNodeAnswersHealth() {
        assertThat(node.get("/health").statusCode()).as("/health (seed %d)", seed).isEqualTo(200);
        count("health checks passed");
    }

    /** An ERROR line, or any line with a stack trace from our code or Jetty's. */
    private static boolean isFailure(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(Level.ERROR)
                || event.getThrowableProxy() != null && event.getLevel().isGreaterOrEqual(Level.WARN);
    }

    private static String describe(ILoggingEvent event) {
        return event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? ""
                        : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
}
