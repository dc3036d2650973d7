package org.opencobrowse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The off-heap frame log gives back exactly the frames it was given, across chunks, sizes and scripts. */
class FrameLogTest {

    @Test
    void framesComeBackExactlyInOrderAcrossChunksAndOversizedFrames() {
        Random random = new Random(7);
        FrameLog log = new FrameLog();
        List<String> added = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 600; i++) {
            // Mostly small frames, now and then one larger than a chunk; ASCII, accents, CJK and an emoji.
            int length = i % 97 == 0 ? FrameLog.CHUNK_BYTES + random.nextInt(1000) : random.nextInt(3000);
            // Whole code points only: text decoded from a socket's UTF-8 never holds a lone surrogate.
            String frame = i + ":" + "aé漢😀".repeat(1 + length / 10);
            assertThat(log.add(frame, Long.MAX_VALUE)).isTrue();
            added.add(frame);
            bytes += frame.getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(log.frames()).isEqualTo(added);
        assertThat(log.bytes()).isEqualTo(bytes);
        assertThat(log.count()).isEqualTo(600);
    }

    @Test
    void refusesAFrameThatWouldPassTheCapCountedInUtf8Bytes() {
        FrameLog log = new FrameLog();
        assertThat(log.add("é".repeat(50), 150)).isTrue(); // 100 bytes
        assertThat(log.add("é".repeat(26), 150)).isFalse(); // 52 more bytes, though only 26 characters
        assertThat(log.add("x".repeat(50), 150)).isTrue();
        assertThat(log.bytes()).isEqualTo(150);
        assertThat(log.frames()).containsExactly("é".repeat(50), "x".repeat(50));
    }

    @Test
    void aClearedLogStartsAfreshAndReusesItsChunks() {
        FrameLog log = new FrameLog();
        for (int i = 0; i < 1000; i++) {
            log.add("frame " + i + " " + "x".repeat(500), Long.MAX_VALUE);
        }
        log.clear();
        assertThat(log.isEmpty()).isTrue();
        assertThat(log.bytes()).isZero();
        assertThat(log.frames()).isEmpty();
        log.add("after", Long.MAX_VALUE);
        FrameLog other = new FrameLog();
        other.add("other", Long.MAX_VALUE);
        assertThat(log.frames()).containsExactly("after");
        assertThat(other.frames()).containsExactly("other");
    }
}
