package org.opencobrowse.security;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;

/**
 * Slows down session-code guessing: a client address with more than {@code limits.failedLookups} (10) failed lookups or
 * joins within a minute is refused ({@code rate_limited}, HTTP 429) for {@code limits.lockout} (5 min). Counted per
 * node; IPv6 addresses are grouped by /64 since one host usually owns a whole /64. At most {@link #MAX_TRACKED}
 * addresses are tracked: past that, expired entries are dropped first and new addresses are locked out until there is
 * room again (deny by default under a flood).
 */
public final class FailedLookupLimiter {
    static final int MAX_TRACKED = 100_000;
    private static final long WINDOW_MILLIS = 60_000;
    private static final Set<ErrorCode> GUESS_FAILURES = EnumSet.of(ErrorCode.SESSION_NOT_FOUND,
            ErrorCode.SESSION_ENDED, ErrorCode.USER_NOT_FOUND, ErrorCode.NOT_FOUND, ErrorCode.CUSTOMER_SECRET_INVALID,
            ErrorCode.UNAUTHORIZED);

    private final int maxFailures;
    private final long lockoutMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long start;
        int failures;
        long lockedUntil;
    }

    public FailedLookupLimiter(int maxFailuresPerMinute, Duration lockout, Clock clock) {
        this.maxFailures = maxFailuresPerMinute;
        this.lockoutMillis = lockout.toMillis();
        this.clock = clock;
    }

    /** Throws {@code rate_limited} while {@code address} is locked out. */
    public void check(String address) {
        Window w = windows.get(ClientAddresses.group(address));
        if (w != null) {
            synchronized (w) {
                if (w.lockedUntil > clock.millis()) {
                    throw refused();
                }
            }
        } else if (windows.size() >= MAX_TRACKED && !purge()) {
            throw refused();
        }
    }

    /**
     * Runs a lookup or join for {@code address}: refused while it is locked out; a failure a guessing client would see
     * (unknown or ended session, unknown user or id, wrong secret or credential) counts against it.
     */
    public <T> T attempt(String address, Supplier<T> lookup) {
        check(address);
        try {
            return lookup.get();
        } catch (CobrowseException e) {
            if (GUESS_FAILURES.contains(e.code())) {
                failed(address);
            }
            throw e;
        }
    }

    /** Counts a failed lookup or join by {@code address}; the one over the limit starts the lockout. */
    public void failed(String address) {
        String key = ClientAddresses.group(address);
        if (windows.size() >= MAX_TRACKED && !windows.containsKey(key) && !purge()) {
            return; // check() refuses untracked addresses while the table is full
        }
        Window w = windows.computeIfAbsent(key, k -> new Window());
        long now = clock.millis();
        synchronized (w) {
            if (now - w.start >= WINDOW_MILLIS) {
                w.start = now;
                w.failures = 0;
            }
            if (++w.failures > maxFailures) {
                w.lockedUntil = now + lockoutMillis;
            }
        }
    }

    /** Drops entries whose window and lockout are over; true when there is room afterwards. */
    private boolean purge() {
        long now = clock.millis();
        windows.values().removeIf(w -> {
            synchronized (w) {
                return w.lockedUntil <= now && now - w.start >= WINDOW_MILLIS;
            }
        });
        return windows.size() < MAX_TRACKED;
    }

    private static CobrowseException refused() {
        return new CobrowseException(ErrorCode.RATE_LIMITED,
                "Too many failed attempts from this address; try again later");
    }
}
