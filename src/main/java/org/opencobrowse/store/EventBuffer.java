package org.opencobrowse.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Per session, the DOM frames a late-joining agent needs: the latest full snapshot and every frame after it, as the
 * exact text relayed to agents, bounded in bytes. It also numbers the session's DOM frames (1, 2, …) so that nodes can
 * detect gaps. Implementations: {@link InMemoryEventBuffer} (one node) and {@link RedisEventBuffer}.
 */
public interface EventBuffer {

    /**
     * A numbered DOM frame ready to relay.
     *
     * @param seq           the frame's number in the session
     * @param frame         the frame text for agents (see {@link org.opencobrowse.realtime.Frames#dom})
     * @param needsSnapshot true when the buffer holds no snapshot (none yet, or it overflowed and was cleared): the
     *                      frame was not kept and the customer should send a new snapshot
     */
    record Appended(long seq, String frame, boolean needsSnapshot) {
    }

    /**
     * A customer's DOM frame to number and keep.
     *
     * @param snapshot  whether it is a full snapshot
     * @param rawEvents the rrweb events array as the customer sent it
     */
    record Pending(boolean snapshot, String rawEvents) {
    }

    /**
     * Numbers a session's frames in list order and keeps them, as one operation; completes with one {@link Appended}
     * per frame, or exceptionally when the store is unreachable. A snapshot replaces everything before it. The caller
     * starts a session's next batch only after this one completed, so that the numbers follow the customer's order.
     * A batch costs one round trip however many frames it holds.
     */
    CompletionStage<List<Appended>> appendAll(String sessionToken, List<Pending> frames);

    /**
     * Whether {@link #appendAll} also publishes the numbered frames to the session's other nodes, as one batch of DOM
     * deliveries of this node, in the same step (Redis: one round trip instead of two, and the frames cross the network
     * once); then the caller does not publish them itself. False by default.
     */
    default boolean publishesAppended() {
        return false;
    }

    /** {@link #appendAll} of one frame, waiting for it. */
    default Appended append(String sessionToken, boolean snapshot, String rawEvents) {
        return appendAll(sessionToken, List.of(new Pending(snapshot, rawEvents))).toCompletableFuture().join().get(0);
    }

    /** The buffered frames in order, starting with a snapshot; empty when there is none. */
    List<String> frames(String sessionToken);

    /** Bytes (characters) buffered for the session. */
    long size(String sessionToken);

    void clear(String sessionToken);
}
