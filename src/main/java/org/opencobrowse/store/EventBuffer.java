package org.opencobrowse.store;

import java.util.List;

/**
 * Per session, the DOM frames a late-joining agent needs: the latest full snapshot and every frame after it, as the
 * exact text relayed to agents, bounded in bytes. Implementations: {@link InMemoryEventBuffer} (one node).
 */
public interface EventBuffer {

    /** What happened to an appended frame. */
    enum Outcome {
        /** Kept. */
        STORED,
        /** Not kept: the buffer holds no snapshot (none yet, or it overflowed and was cleared); ask for one. */
        NEEDS_SNAPSHOT
    }

    /** Appends a frame; a snapshot frame replaces everything before it. */
    Outcome append(String sessionToken, String frame, boolean snapshot);

    /** The buffered frames in order, starting with a snapshot; empty when there is none. */
    List<String> frames(String sessionToken);

    /** Bytes (characters) buffered for the session. */
    long size(String sessionToken);

    void clear(String sessionToken);
}
