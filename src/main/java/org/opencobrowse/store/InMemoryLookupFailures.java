package org.opencobrowse.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LookupFailures} of one node, in memory. At most {@code maxTracked} (100,000) groups are tracked: past that,
 * expired entries are dropped first, and a group that still finds no room is reported locked out and its failures are
 * not counted (deny by default under a flood of addresses).
 */
public final class InMemoryLookupFailures implements LookupFailures {
    static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final int maxTracked;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        long windowEnd;
        long failures;
        long lockedUntil;
    }

    public InMemoryLookupFailures(Clock clock) {
        this(clock, MAX_TRACKED);
    }

    InMemoryLookupFailures(Clock clock, int maxTracked) {
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    @Override
    public long failed(String group, Duration window) {
        if (!hasRoomFor(group)) {
            return 0; // lockedOut() refuses untracked groups while the table is full
        }
        Entry e = entries.computeIfAbsent(group, g -> new Entry());
        long now = clock.millis();
        synchronized (e) {
            if (now >= e.windowEnd) {
                e.windowEnd = now + window.toMillis();
                e.failures = 0;
            }
            return ++e.failures;
        }
    }

    @Override
    public void lockOut(String group, Duration lockout) {
        if (hasRoomFor(group)) {
            Entry e = entries.computeIfAbsent(group, g -> new Entry());
            synchronized (e) {
                e.lockedUntil = clock.millis() + lockout.toMillis();
            }
        }
    }

    @Override
    public boolean lockedOut(String group) {
        Entry e = entries.get(group);
        if (e == null) {
            return !hasRoomFor(group);
        }
        synchronized (e) {
            return e.lockedUntil > clock.millis();
        }
    }

    private boolean hasRoomFor(String group) {
        return entries.size() < maxTracked || entries.containsKey(group) || purge();
    }

    /** Drops entries whose window and lockout are over; true when there is room afterwards. */
    private boolean purge() {
        long now = clock.millis();
        entries.values().removeIf(e -> {
            synchronized (e) {
                return e.lockedUntil <= now && e.windowEnd <= now;
            }
        });
        return entries.size() < maxTracked;
    }
}
