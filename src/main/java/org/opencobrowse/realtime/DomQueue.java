package org.opencobrowse.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.opencobrowse.store.EventBuffer.Pending;

/**
 * A session's customer DOM frames waiting for the store to number them, in arrival order. One batch at a time is in
 * the store; frames that arrive meanwhile wait here and go together in the next one, so a busy session costs one
 * store round trip per batch rather than per frame. Bounded in characters: a customer that outruns the store is
 * refused rather than let the heap grow.
 */
final class DomQueue {
    /** Frames per batch at most: bounds one store call's arguments. */
    static final int MAX_BATCH_FRAMES = 128;
    /** Characters per batch at most (512 Ki), unless a single frame is larger. */
    static final long MAX_BATCH_CHARS = 512 * 1024;

    /** What {@link #offer} did with a frame. */
    enum Offer {
        /** Queued behind a batch in progress, which will take it. */
        QUEUED,
        /** Queued, and no batch is in progress: the caller starts one ({@link #takeBatch}). */
        START,
        /** Refused: the queue holds {@code maxChars} already. */
        FULL
    }

    /** Usually empty (in memory) or a few frames (Redis): sized small, since every live session has one. */
    private final ArrayDeque<Pending> frames = new ArrayDeque<>(2);
    private final long maxChars;
    private long chars;
    private boolean appending;

    /** @param maxChars characters of raw events waiting at most ({@code session.maxBufferSize}) */
    DomQueue(long maxChars) {
        this.maxChars = maxChars;
    }

    synchronized Offer offer(Pending frame) {
        if (chars + frame.rawEvents().length() > maxChars) {
            return Offer.FULL;
        }
        frames.add(frame);
        chars += frame.rawEvents().length();
        if (appending) {
            return Offer.QUEUED;
        }
        appending = true;
        return Offer.START;
    }

    /** The next batch, oldest first; empty (and no batch in progress any more) when nothing waits. */
    synchronized List<Pending> takeBatch() {
        if (frames.isEmpty()) {
            appending = false;
            return List.of();
        }
        List<Pending> batch = new ArrayList<>(Math.min(frames.size(), MAX_BATCH_FRAMES));
        long batchChars = 0;
        while (!frames.isEmpty() && batch.size() < MAX_BATCH_FRAMES) {
            Pending next = frames.peek();
            if (!batch.isEmpty() && batchChars + next.rawEvents().length() > MAX_BATCH_CHARS) {
                break;
            }
            batch.add(frames.poll());
            batchChars += next.rawEvents().length();
        }
        chars -= batchChars;
        return batch;
    }
}
