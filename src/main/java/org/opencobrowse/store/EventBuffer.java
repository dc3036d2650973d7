package org.opencobrowse.store;

import java.util.List;

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

    /** Numbers a customer's events and keeps the frame; a snapshot replaces everything before it. */
    Appended append(String sessionToken, boolean snapshot, String rawEvents);

    /** The buffered frames in order, starting with a snapshot; empty when there is none. */
    List<String> frames(String sessionToken);

    /** Bytes (characters) buffered for the session. */
    long size(String sessionToken);

    void clear(String sessionToken);
}
