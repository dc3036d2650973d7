package org.opencobrowse.store;

import java.time.Duration;

/**
 * Failed session lookups and lockouts per client address group
 * ({@link org.opencobrowse.security.ClientAddresses#group}), as {@link org.opencobrowse.security.FailedLookupLimiter}
 * counts them: in this node's memory ({@link InMemoryLookupFailures}, one node) or in Redis
 * ({@link RedisLookupFailures}), shared by every node of a cluster, so that a balancer spreading a guesser's requests
 * over N nodes does not give it N times the attempts.
 */
public interface LookupFailures {
    /**
     * Counts a failure of {@code group} and returns how many it made in the current window: the window opens with the
     * first failure and lasts {@code window}; a failure after it opens a new one (and counts 1).
     */
    long failed(String group, Duration window);

    /** Refuses {@code group} for {@code lockout} from now (a later call extends it). */
    void lockOut(String group, Duration lockout);

    /** Whether {@code group} is locked out now. */
    boolean lockedOut(String group);
}
