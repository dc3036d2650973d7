package org.opencobrowse.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.opencobrowse.realtime.Frames;

/**
 * {@link EventBuffer} in this JVM's memory: serves nodes of one process only. The frames themselves are kept off the
 * heap ({@link FrameLog}); the cap counts their UTF-8 bytes, as in Redis.
 */
public final class InMemoryEventBuffer implements EventBuffer {
    private final long maxBytes;
    private final Map<String, SessionFrames> buffers = new ConcurrentHashMap<>();

    /** @param maxBytes the cap per session ({@code session.maxBufferSize}) */
    public InMemoryEventBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    private static final class SessionFrames {
        final FrameLog log = new FrameLog();
        long seq;
    }

    /** Completes before it returns. */
    @Override
    public CompletionStage<List<Appended>> appendAll(String sessionToken, List<Pending> pending) {
        SessionFrames frames = buffers.computeIfAbsent(sessionToken, t -> new SessionFrames());
        List<Appended> appended = new ArrayList<>(pending.size());
        synchronized (frames) {
            for (Pending p : pending) {
                appended.add(append(frames, p.snapshot(), p.rawEvents()));
            }
        }
        return CompletableFuture.completedFuture(appended);
    }

    private Appended append(SessionFrames frames, boolean snapshot, String rawEvents) {
        long seq = ++frames.seq;
        String frame = Frames.dom(seq, snapshot, rawEvents);
        if (snapshot) {
            frames.log.clear();
        } else if (frames.log.isEmpty()) {
            return new Appended(seq, frame, true);
        }
        if (!frames.log.add(frame, maxBytes)) {
            // Dropping the whole buffer keeps it consistent: a new snapshot restarts it.
            frames.log.clear();
            return new Appended(seq, frame, true);
        }
        return new Appended(seq, frame, false);
    }

    @Override
    public List<String> frames(String sessionToken) {
        SessionFrames frames = buffers.get(sessionToken);
        if (frames == null) {
            return List.of();
        }
        synchronized (frames) {
            return frames.log.frames();
        }
    }

    @Override
    public long size(String sessionToken) {
        SessionFrames frames = buffers.get(sessionToken);
        if (frames == null) {
            return 0;
        }
        synchronized (frames) {
            return frames.log.bytes();
        }
    }

    @Override
    public void clear(String sessionToken) {
        SessionFrames frames = buffers.remove(sessionToken);
        if (frames != null) {
            synchronized (frames) {
                frames.log.clear();
            }
        }
    }
}
