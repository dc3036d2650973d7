package org.opencobrowse.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LookupFailures} of one node, in memory. At most {@code maxTracked} (100,000) groups are tracked: past that,
 * expired entries are dropped (a scan at most once a second), and a group that still finds no room is not counted and,
 * when {@code denyWhenFull} (the default), reported locked out: deny by default under a flood of addresses.
 */
public final class InMemoryLookupFailures implements LookupFailures {
    static final int MAX_TRACKED = 100_000;

    private static final long PURGE_INTERVAL_MILLIS = 1000;

    private final Clock clock;
    private final int maxTracked;
    private final boolean denyWhenFull;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile long lastPurge;

    private static final class Entry {
        long windowEnd;
        long failures;
        long lockedUntil;
    }

    public InMemoryLookupFailures(Clock clock) {
        this(clock, MAX_TRACKED, true);
    }

    /** @param denyWhenFull whether a group that finds no room is locked out (else only not counted) */
    InMemoryLookupFailures(Clock clock, int maxTracked, boolean denyWhenFull) {
        this.clock = clock;
        this.maxTracked = maxTracked;
        this.denyWhenFull = denyWhenFull;
        this.lastPurge = clock.millis() - PURGE_INTERVAL_MILLIS;
    }

    @Override
    public long failed(String group, Duration window) {
        if (!hasRoomFor(group)) {
            return 0; // not counted; with denyWhenFull, lockedOut() refuses untracked groups while the table is full
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
            return denyWhenFull && !hasRoomFor(group);
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
        if (now - lastPurge < PURGE_INTERVAL_MILLIS) {
            return entries.size() < maxTracked; // a flood of new groups must not scan the table on every lookup
        }
        lastPurge = now;
        entries.values().removeIf(e -> {
            synchronized (e) {
                return e.lockedUntil <= now && e.windowEnd <= now;
            }
        });
        return entries.size() < maxTracked;
    }
}
