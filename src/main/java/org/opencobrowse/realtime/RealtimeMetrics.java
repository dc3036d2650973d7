package org.opencobrowse.realtime;

import org.opencobrowse.errors.Rejections;

/**
 * What the realtime layer reports for metrics, besides refused frames ({@link Rejections}). Lengths are in
 * characters, which for the JSON of the protocol (ASCII but for user text) is the byte count. Must not block.
 */
public interface RealtimeMetrics extends Rejections {
    /** A frame was queued to a socket; {@code dom} tells a DOM frame from any other. */
    void frameSent(boolean dom, int length);

    /** The customer's DOM frame carrying {@code length} characters of events was received for relaying. */
    void domReceived(int length);

    /** An agent got its first DOM frame {@code nanos} after it joined or resumed (join-to-first-frame). */
    void firstDomFrame(long nanos);
}
