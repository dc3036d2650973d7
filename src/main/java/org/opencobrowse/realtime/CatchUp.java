package org.opencobrowse.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * An agent connection being sent the session's buffer. The buffer is read without holding the session's monitor (a
 * store read may wait for Redis, whose own threads deliver frames under that monitor), so DOM frames relayed meanwhile
 * wait here and follow the buffered ones. Guarded by the session's monitor; bounded like the connection's queue.
 */
final class CatchUp {
    private record Held(String frame, long seq) {
    }

    private final List<Held> held = new ArrayList<>();
    private final long maxChars;
    private long chars;

    /** @param maxChars characters held at most (the connection's queue cap) */
    CatchUp(long maxChars) {
        this.maxChars = maxChars;
    }

    /** Holds DOM frame {@code seq}; false when that would pass the cap (the agent cannot keep up). */
    boolean hold(String frame, long seq) {
        if (chars + frame.length() > maxChars) {
            return false;
        }
        held.add(new Held(frame, seq));
        chars += frame.length();
        return true;
    }

    /** Sends the held frames the connection has not had yet (the buffer may have had some of them), in order. */
    void release(Connection connection) {
        for (Held frame : held) {
            if (frame.seq() > connection.lastDomSeq) {
                connection.sendDom(frame.frame(), frame.seq());
            }
        }
        held.clear();
    }
}
