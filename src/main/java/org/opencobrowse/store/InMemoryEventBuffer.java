package org.opencobrowse.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link EventBuffer} in this JVM's memory: serves a single node only. */
public final class InMemoryEventBuffer implements EventBuffer {
    private final long maxBytes;
    private final Map<String, Frames> buffers = new ConcurrentHashMap<>();

    /** @param maxBytes the cap per session ({@code session.maxBufferSize}) */
    public InMemoryEventBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    private static final class Frames {
        final List<String> list = new ArrayList<>();
        long bytes;
    }

    @Override
    public Outcome append(String sessionToken, String frame, boolean snapshot) {
        Frames frames = buffers.computeIfAbsent(sessionToken, t -> new Frames());
        synchronized (frames) {
            if (snapshot) {
                frames.list.clear();
                frames.bytes = 0;
            } else if (frames.list.isEmpty()) {
                return Outcome.NEEDS_SNAPSHOT;
            }
            if (frames.bytes + frame.length() > maxBytes) {
                // Dropping the whole buffer keeps it consistent: a new snapshot restarts it.
                frames.list.clear();
                frames.bytes = 0;
                return Outcome.NEEDS_SNAPSHOT;
            }
            frames.list.add(frame);
            frames.bytes += frame.length();
            return Outcome.STORED;
        }
    }

    @Override
    public List<String> frames(String sessionToken) {
        Frames frames = buffers.get(sessionToken);
        if (frames == null) {
            return List.of();
        }
        synchronized (frames) {
            return List.copyOf(frames.list);
        }
    }

    @Override
    public long size(String sessionToken) {
        Frames frames = buffers.get(sessionToken);
        if (frames == null) {
            return 0;
        }
        synchronized (frames) {
            return frames.bytes;
        }
    }

    @Override
    public void clear(String sessionToken) {
        buffers.remove(sessionToken);
    }
}
