package org.opencobrowse.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.store.LookupFailures;

/**
 * Slows down session-code guessing: a client address with more than {@code limits.failedLookups} (10) failed lookups or
 * joins within a minute is refused ({@code rate_limited}, HTTP 429) for {@code limits.lockout} (5 min). Counted in
 * {@link LookupFailures}: per node in memory, or across the cluster in Redis. IPv6 addresses are grouped by /64 since
 * one host usually owns a whole /64.
 */
public final class FailedLookupLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Set<ErrorCode> GUESS_FAILURES = EnumSet.of(ErrorCode.SESSION_NOT_FOUND,
            ErrorCode.SESSION_ENDED, ErrorCode.USER_NOT_FOUND, ErrorCode.NOT_FOUND, ErrorCode.CUSTOMER_SECRET_INVALID,
            ErrorCode.UNAUTHORIZED);

    private final int maxFailures;
    private final Duration lockout;
    private final LookupFailures failures;

    public FailedLookupLimiter(int maxFailuresPerMinute, Duration lockout, LookupFailures failures) {
        this.maxFailures = maxFailuresPerMinute;
        this.lockout = lockout;
        this.failures = failures;
    }

    /** Throws {@code rate_limited} while {@code address} is locked out. */
    public void check(String address) {
        if (failures.lockedOut(ClientAddresses.group(address))) {
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
        String group = ClientAddresses.group(address);
        if (failures.failed(group, WINDOW) > maxFailures) {
            failures.lockOut(group, lockout);
        }
    }

    private static CobrowseException refused() {
        return new CobrowseException(ErrorCode.RATE_LIMITED,
                "Too many failed attempts from this address; try again later");
    }
}
