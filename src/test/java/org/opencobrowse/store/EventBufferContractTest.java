package org.opencobrowse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencobrowse.realtime.Frames;

/** What every {@link EventBuffer} must do, run against the in-memory and the Redis implementation. */
class EventBufferContractTest extends StoreContract {
    private static final String SNAP = "[{\"type\":2,\"data\":{}}]";
    private static final String INC = "[{\"type\":3,\"data\":{\"t\":\"é\"}}]";

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void numbersFramesAndKeepsTheLatestSnapshotAndWhatFollows(StoreKind kind) {
        EventBuffer buffer = kind.eventBuffer(1 << 20);
        EventBuffer.Appended early = buffer.append("123456789", false, INC);
        assertThat(early.needsSnapshot()).isTrue();
        assertThat(early.seq()).isEqualTo(1);
        assertThat(buffer.frames("123456789")).isEmpty();

        buffer.append("123456789", true, SNAP);
        buffer.append("123456789", false, INC);
        EventBuffer.Appended snapshot = buffer.append("123456789", true, SNAP);
        EventBuffer.Appended last = buffer.append("123456789", false, INC);

        assertThat(last.seq()).isEqualTo(5);
        assertThat(last.needsSnapshot()).isFalse();
        assertThat(last.frame()).isEqualTo(Frames.dom(5, false, INC));
        assertThat(buffer.frames("123456789")).containsExactly(Frames.dom(4, true, SNAP), Frames.dom(5, false, INC));
        assertThat(snapshot.frame()).isEqualTo(Frames.dom(4, true, SNAP));
        assertThat(buffer.size("123456789")).isPositive();
        assertThat(buffer.frames("987654321")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void overflowClearsTheBufferAndAsksForASnapshot(StoreKind kind) {
        EventBuffer buffer = kind.eventBuffer(400);
        buffer.append("123456789", true, SNAP);
        String big = "[\"" + "x".repeat(150) + "\"]";
        assertThat(buffer.append("123456789", false, big).needsSnapshot()).isFalse();
        assertThat(buffer.append("123456789", false, big).needsSnapshot()).isTrue();
        assertThat(buffer.frames("123456789")).isEmpty();
        assertThat(buffer.append("123456789", false, INC).needsSnapshot()).isTrue();
        assertThat(buffer.append("123456789", true, SNAP).needsSnapshot()).isFalse();
        assertThat(buffer.frames("123456789")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void clearForgetsTheSession(StoreKind kind) {
        EventBuffer buffer = kind.eventBuffer(1 << 20);
        buffer.append("123456789", true, SNAP);
        buffer.clear("123456789");
        assertThat(buffer.frames("123456789")).isEmpty();
        assertThat(buffer.size("123456789")).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aBatchIsNumberedAndKeptAsIfAppendedOneByOne(StoreKind kind) {
        EventBuffer buffer = kind.eventBuffer(400);
        String big = "[\"" + "x".repeat(150) + "\"]";
        List<EventBuffer.Appended> appended = buffer.appendAll("123456789", List.of(
                new EventBuffer.Pending(false, INC), new EventBuffer.Pending(true, SNAP),
                new EventBuffer.Pending(false, big), new EventBuffer.Pending(false, big),
                new EventBuffer.Pending(false, INC), new EventBuffer.Pending(true, SNAP),
                new EventBuffer.Pending(false, INC))).toCompletableFuture().join();

        assertThat(appended).extracting(EventBuffer.Appended::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(appended).extracting(EventBuffer.Appended::needsSnapshot)
                .containsExactly(true, false, false, true, true, false, false);
        assertThat(appended.get(2).frame()).isEqualTo(Frames.dom(3, false, big));
        assertThat(buffer.frames("123456789")).containsExactly(Frames.dom(6, true, SNAP), Frames.dom(7, false, INC));

        EventBuffer.Appended next = buffer.appendAll("123456789", List.of(new EventBuffer.Pending(false, INC)))
                .toCompletableFuture().join().get(0);
        assertThat(next.seq()).isEqualTo(8);
        assertThat(buffer.frames("123456789")).hasSize(3);
    }
}
