package org.opencobrowse.realtime;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.opencobrowse.session.Participant;

/**
 * One participant's WebSocket. Outgoing frames go through a queue capped in bytes, so a slow reader can never grow the
 * heap: when the cap is exceeded the backlog is dropped and the socket is closed with {@link CloseCode#SLOW_CONSUMER};
 * the client resumes and gets the session's buffer again. From the queue, up to {@link #MAX_BYTES_IN_FLIGHT} bytes
 * are handed to Jetty at a time, which gathers the frames waiting behind a write into one system call.
 */
public final class Connection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /**
     * Characters handed to Jetty and not yet written (256 Ki). Jetty's own queue is unbounded and cannot be dropped,
     * so only this much leaves ours at once; with one frame at a time each frame cost a write of its own.
     */
    static final long MAX_BYTES_IN_FLIGHT = 256 * 1024;

    private final Session socket;
    private final long maxQueuedBytes;
    private final RealtimeMetrics metrics;
    /** Mostly empty: frames leave it as soon as Jetty takes them; sized small, since every socket has one. */
    private final Deque<String> queue = new ArrayDeque<>(1);
    private long queuedBytes;
    /** Characters handed to Jetty and not yet written; frames are never empty, so 0 means none in flight. */
    private long bytesInFlight;
    /** A thread is handing frames to Jetty; others leave the queue to it. */
    private boolean handingOver;
    private boolean closed;
    private CloseCode closeWhenDrained;
    private volatile Attachment attachment;
    /** The last DOM frame number this (agent) connection got, for gap detection; 0 before the first. */
    long lastDomSeq;
    /** Set while this agent is sent the session's buffer; guarded by the session's monitor. */
    CatchUp catchUp;
    /** When an agent attached (System.nanoTime), until its first DOM frame is timed; 0 otherwise. */
    private long awaitingFirstDomSince;
    private int consecutiveErrors;
    /** Bytes the client had sent at the last liveness check, and when that count last grew (System.nanoTime). */
    private long bytesInAtCheck;
    private long bytesInGrewAt = System.nanoTime();
    /** Where the socket comes from; fixed at the upgrade. */
    final Peer peer;
    /** Paces the customer's DOM frames ({@code limits.eventsPerSecond}); set at the first one. */
    org.opencobrowse.security.TokenBucket domRate;

    /**
     * The session and participant this connection speaks for, once joined or resumed.
     *
     * @param logToken the session token shortened for logs ({@link org.opencobrowse.session.Tokens#redacted}),
     *                 computed once per session rather than per frame or per connection
     */
    public record Attachment(String sessionToken, Participant participant, String logToken) {
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

    /** Starts holding relayed DOM frames while the buffer is read for this agent (see {@link CatchUp}). */
    CatchUp startCatchUp() {
        catchUp = new CatchUp(maxQueuedBytes);
        return catchUp;
    }

    /**
     * Nanoseconds, at {@code nowNanos} (System.nanoTime), since the client last sent any byte: a frame, a pong, or
     * part of a large frame still arriving over a slow link. Called by one thread only ({@link Hub#pingOrCloseIdle}),
     * every ping interval; so the answer is precise to one interval.
     */
    long silentFor(long nowNanos) {
        long bytesIn = bytesReceived(socket);
        if (bytesIn < 0) {
            return 0; // cannot tell: never taken for silent (Jetty's own idle timeout still applies)
        }
        if (bytesIn != bytesInAtCheck) {
            bytesInAtCheck = bytesIn;
            bytesInGrewAt = nowNanos;
        }
        return nowNanos - bytesInGrewAt;
    }

    /** Bytes read from the socket so far (Jetty counts them below the WebSocket API); -1 if this Jetty does not. */
    private static long bytesReceived(Session socket) {
        if (socket instanceof org.eclipse.jetty.websocket.common.WebSocketSession jetty
                && jetty.getCoreSession() instanceof org.eclipse.jetty.websocket.core.WebSocketCoreSession core
                && core.getConnection() != null) {
            return core.getConnection().getBytesIn();
        }
        return -1;
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
     * Hands queued frames to Jetty while the in-flight window has room. A write that completes inside
     * {@code sendText} lets this loop continue instead of recursing, so a long backlog cannot overflow the stack.
     */
    private void writeNext() {
        while (true) {
            String frame;
            CloseCode closeNow = null;
            synchronized (queue) {
                if (handingOver || closed || bytesInFlight >= MAX_BYTES_IN_FLIGHT) {
                    return; // the thread handing over, or the next completed write, carries on
                }
                frame = queue.poll();
                if (frame == null) {
                    if (bytesInFlight > 0) {
                        return;
                    }
                    closeNow = closeWhenDrained;
                } else {
                    queuedBytes -= frame.length();
                    bytesInFlight += frame.length();
                    handingOver = true;
                }
            }
            if (frame == null) {
                if (closeNow != null) {
                    close(closeNow);
                }
                return;
            }
            int length = frame.length();
            try {
                socket.sendText(frame, Callback.from(() -> written(length), failure -> written(length)));
            } finally {
                synchronized (queue) {
                    handingOver = false;
                }
            }
        }
    }

    private void written(int length) {
        synchronized (queue) {
            bytesInFlight -= length;
        }
        writeNext();
    }
}
