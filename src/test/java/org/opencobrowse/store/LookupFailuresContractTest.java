package org.opencobrowse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.testing.Pause;
import org.opencobrowse.testing.RedisServer;

/** What every {@link LookupFailures} must do, run against the in-memory and the Redis implementation. */
class LookupFailuresContractTest extends StoreContract {
    /** Long enough that a loaded machine makes three calls within it; the pauses wait it out with a margin. */
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final long PAST_WINDOW_MILLIS = 1300;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void failuresCountPerGroupWithinAWindowThatOpensWithTheFirst(StoreKind kind) {
        LookupFailures[] nodes = kind.lookupFailuresOfTwoNodes();
        assertThat(nodes[0].failed("203.0.113.7", WINDOW)).isEqualTo(1);
        assertThat(nodes[1].failed("203.0.113.7", WINDOW)).as("counted once for the whole cluster").isEqualTo(2);
        assertThat(nodes[0].failed("203.0.113.7", WINDOW)).isEqualTo(3);
        assertThat(nodes[1].failed("2001:db8:1:2", WINDOW)).as("another group").isEqualTo(1);

        Pause.millis(PAST_WINDOW_MILLIS);
        assertThat(nodes[1].failed("203.0.113.7", WINDOW)).as("a new window").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aLockoutHoldsOnEveryNodeUntilItExpires(StoreKind kind) {
        LookupFailures[] nodes = kind.lookupFailuresOfTwoNodes();
        assertThat(nodes[0].lockedOut("203.0.113.7")).isFalse();
        nodes[0].lockOut("203.0.113.7", WINDOW);
        assertThat(nodes[1].lockedOut("203.0.113.7")).isTrue();
        assertThat(nodes[1].lockedOut("203.0.113.8")).isFalse();

        Pause.millis(PAST_WINDOW_MILLIS);
        assertThat(nodes[0].lockedOut("203.0.113.7")).isFalse();
        assertThat(nodes[1].lockedOut("203.0.113.7")).isFalse();
    }

    @Test
    void inMemoryAFullTableRefusesNewGroupsUntilExpiredOnesMakeRoom() {
        InMemoryLookupFailures failures = new InMemoryLookupFailures(Clock.systemUTC(), 2, true);
        failures.failed("a", WINDOW);
        failures.lockOut("b", Duration.ofMinutes(5));
        assertThat(failures.lockedOut("c")).as("no room: deny by default").isTrue();
        assertThat(failures.failed("c", WINDOW)).as("not counted").isZero();
        assertThat(failures.lockedOut("a")).isFalse();

        Pause.millis(PAST_WINDOW_MILLIS); // a's window is over; b is still locked out
        assertThat(failures.lockedOut("c")).isFalse();
        assertThat(failures.failed("c", WINDOW)).isEqualTo(1);
        assertThat(failures.lockedOut("b")).isTrue();
        assertThat(failures.lockedOut("d")).isTrue();

        InMemoryLookupFailures besideRedis = new InMemoryLookupFailures(Clock.systemUTC(), 1, false);
        besideRedis.failed("a", WINDOW);
        assertThat(besideRedis.lockedOut("c")).as("Redis decides: a full local table refuses no one").isFalse();
        assertThat(besideRedis.failed("c", WINDOW)).isZero();
    }

    @Test
    void redisUnreachableTheNodeStillCountsAndLocksOutOnItsOwn() {
        try (RedisServer own = RedisServer.start();
             RedisConnector connector = RedisConnector.connect(own.uri(), false, Duration.ofSeconds(1))) {
            RedisLookupFailures failures = new RedisLookupFailures(connector, Clock.systemUTC());
            assertThat(failures.failed("203.0.113.9", WINDOW)).isEqualTo(1);
            own.kill();
            assertThat(failures.failed("203.0.113.9", WINDOW)).isEqualTo(2);
            assertThat(failures.lockedOut("203.0.113.9")).isFalse();
            failures.lockOut("203.0.113.9", Duration.ofMinutes(5));
            assertThat(failures.lockedOut("203.0.113.9")).as("refused by this node while Redis is away").isTrue();

            own.restart(); // empty: what the cluster counted is gone, this node's own count is not
            long deadline = System.currentTimeMillis() + 10_000;
            while (!connector.ping() && System.currentTimeMillis() < deadline) {
                Pause.millis(100);
            }
            assertThat(failures.failed("203.0.113.10", WINDOW)).isEqualTo(1);
            try (RedisConnector other = RedisConnector.connect(own.uri(), false, Duration.ofSeconds(1))) {
                assertThat(new RedisLookupFailures(other, Clock.systemUTC()).failed("203.0.113.10", WINDOW))
                        .as("shared again once Redis is back").isEqualTo(2);
            }
        }
    }
}
