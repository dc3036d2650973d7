package org.opencobrowse.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session's buffered frames as UTF-8 bytes in direct (off-heap) memory, appended in order. Kept on the heap, every
 * buffered frame survived young collections and was copied by each of them until tenured: at tens of thousands of
 * frames per second those copies made the pauses (40–140 ms on two cores) that set the node's latency. Here a frame
 * costs the heap 8 bytes of index; its text is decoded again only for a late joiner or a resync. Not thread-safe: the
 * owner synchronises.
 */
final class FrameLog {
    /** Bytes per pooled chunk (256 KiB); a larger frame gets a buffer of its own. */
    static final int CHUNK_BYTES = 256 * 1024;
    /** Free chunks kept for reuse across sessions (64 MiB); beyond that they are left to the garbage collector. */
    private static final int MAX_POOLED_CHUNKS = 256;
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private final List<ByteBuffer> chunks = new ArrayList<>();
    /** Per frame: the chunk index (high 32 bits) and the offset in it (low 32 bits). */
    private long[] positions = new long[16];
    private int[] lengths = new int[16];
    private int count;
    private long bytes;

    /** Appends {@code frame} unless that would hold more than {@code maxBytes}; returns whether it did. */
    boolean add(String frame, long maxBytes) {
        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
        if (bytes + utf8.length > maxBytes) {
            return false;
        }
        ByteBuffer chunk = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
        if (chunk == null || chunk.remaining() < utf8.length) {
            chunk = utf8.length > CHUNK_BYTES ? ByteBuffer.allocateDirect(utf8.length) : takeChunk();
            chunks.add(chunk);
        }
        if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        positions[count] = ((long) (chunks.size() - 1) << 32) | chunk.position();
        lengths[count] = utf8.length;
        chunk.put(utf8);
        count++;
        bytes += utf8.length;
        return true;
    }

    /** The frames in order, decoded. */
    List<String> frames() {
        List<String> frames = new ArrayList<>(count);
        byte[] scratch = new byte[0];
        for (int i = 0; i < count; i++) {
            ByteBuffer chunk = chunks.get((int) (positions[i] >>> 32));
            int offset = (int) positions[i];
            if (scratch.length < lengths[i]) {
                scratch = new byte[Math.max(lengths[i], 4096)];
            }
            chunk.get(offset, scratch, 0, lengths[i]);
            frames.add(new String(scratch, 0, lengths[i], StandardCharsets.UTF_8));
        }
        return frames;
    }

    int count() {
        return count;
    }

    /** UTF-8 bytes held. */
    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Forgets every frame and gives the chunks back to the pool. */
    void clear() {
        for (ByteBuffer chunk : chunks) {
            if (chunk.capacity() == CHUNK_BYTES && POOLED.incrementAndGet() <= MAX_POOLED_CHUNKS) {
                POOL.add(chunk.clear());
            } else if (chunk.capacity() == CHUNK_BYTES) {
                POOLED.decrementAndGet();
            }
        }
        chunks.clear();
        if (positions.length > 1024) {
            positions = new long[16];
            lengths = new int[16];
        }
        count = 0;
        bytes = 0;
    }

    private static ByteBuffer takeChunk() {
        ByteBuffer pooled = POOL.poll();
        if (pooled != null) {
            POOLED.decrementAndGet();
            return pooled;
        }
        return ByteBuffer.allocateDirect(CHUNK_BYTES);
    }
}
