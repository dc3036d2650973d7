package org.opencobrowse.realtime;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.opencobrowse.session.Participant;

/**
 * One participant's WebSocket. Outgoing frames go through a queue capped in bytes, written one at a time, so a slow
 * reader can never grow the heap: when the cap is exceeded the backlog is dropped and the socket is closed with
 * {@link CloseCode#SLOW_CONSUMER}; the client resumes and gets the session's buffer again.
 */
public final class Connection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session socket;
    private final long maxQueuedBytes;
    private final RealtimeMetrics metrics;
    private final Deque<String> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;
    private CloseCode closeWhenDrained;
    private volatile Attachment attachment;
    /** The last DOM frame number this (agent) connection got, for gap detection; 0 before the first. */
    long lastDomSeq;
    /** When an agent attached (System.nanoTime), until its first DOM frame is timed; 0 otherwise. */
    private long awaitingFirstDomSince;
    private int consecutiveErrors;
    /** Where the socket comes from; fixed at the upgrade. */
    final Peer peer;
    /** Paces the customer's DOM frames ({@code limits.eventsPerSecond}); set at the first one. */
    org.opencobrowse.security.TokenBucket domRate;

    /** The session and participant this connection speaks for, once joined or resumed. */
    public record Attachment(String sessionToken, Participant participant) {
    }

    Connection(Session socket, long maxQueuedBytes, RealtimeMetrics metrics, Peer peer) {
        this.socket = socket;
        this.peer = peer;
        this.maxQueuedBytes = maxQueuedBytes;
        this.metrics = metrics;
    }

    public Attachment attachment() {
        return attachment;
    }

    void attach(Attachment attachment) {
        this.attachment = attachment;
        this.awaitingFirstDomSince = attachment.participant().role().isAgentSide() ? System.nanoTime() : 0;
    }

    /** Queues DOM frame number {@code seq} to this agent; the first one after attaching is timed for metrics. */
    void sendDom(String frame, long seq) {
        send(frame);
        lastDomSeq = seq;
        if (awaitingFirstDomSince != 0) {
            metrics.firstDomFrame(System.nanoTime() - awaitingFirstDomSince);
            awaitingFirstDomSince = 0;
        }
    }

    /** Queues a text frame; never blocks. Frames after a close are dropped. */
    public void send(String frame) {
        boolean overflow;
        synchronized (queue) {
            if (closed || closeWhenDrained != null) {
                return;
            }
            // Java strings are UTF-16; frames are mostly ASCII, so length approximates the bytes on the wire.
            overflow = queuedBytes + frame.length() > maxQueuedBytes;
            if (!overflow) {
                queue.add(frame);
                queuedBytes += frame.length();
            }
        }
        if (overflow) {
            close(CloseCode.SLOW_CONSUMER);
            return;
        }
        metrics.frameSent(Frames.isDom(frame), frame.length());
        writeNext();
    }

    /** Closes at once, dropping what is queued. */
    public void close(CloseCode code) {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        socket.close(code.code(), code.reason(), Callback.NOOP);
    }

    /** Closes once every frame queued so far is written (e.g. a reply or notification that must arrive first). */
    public void closeAfterQueued(CloseCode code) {
        synchronized (queue) {
            if (closed || closeWhenDrained != null) {
                return;
            }
            closeWhenDrained = code;
        }
        writeNext();
    }

    boolean isOpen() {
        return socket.isOpen() && !closed;
    }

    void ping() {
        if (isOpen()) {
            socket.sendPing(EMPTY.duplicate(), Callback.NOOP);
        }
    }

    /** Counts protocol errors in a row; the caller closes the socket past a limit. */
    int recordError() {
        return ++consecutiveErrors;
    }

    void recordSuccess() {
        consecutiveErrors = 0;
    }

    /**
     * Writes queued frames one at a time. A write that completes inside {@code sendText} continues this loop instead
     * of recursing, so a long backlog cannot overflow the stack.
     */
    private void writeNext() {
        while (true) {
            String frame;
            CloseCode closeNow = null;
            synchronized (queue) {
                if (writing || closed) {
                    return;
                }
                frame = queue.poll();
                if (frame == null) {
                    closeNow = closeWhenDrained;
                } else {
                    queuedBytes -= frame.length();
                    writing = true;
                }
            }
            if (frame == null) {
                if (closeNow != null) {
                    close(closeNow);
                }
                return;
            }
            Write write = new Write();
            socket.sendText(frame, Callback.from(write::done, failure -> write.done()));
            synchronized (queue) {
                if (!write.completed) {
                    write.async = true;
                    return; // done() runs later and resumes writing
                }
            }
        }
    }

    /** One write in flight; tells whether it completed inside sendText or later. */
    private final class Write {
        private boolean completed;
        private boolean async;

        void done() {
            boolean resume;
            synchronized (queue) {
                writing = false;
                completed = true;
                resume = async;
            }
            if (resume) {
                writeNext();
            }
        }
    }
}
