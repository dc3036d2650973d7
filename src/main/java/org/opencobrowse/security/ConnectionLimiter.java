package org.opencobrowse.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts open WebSockets per client address (IPv6 by /64) and refuses more than {@code limits.connectionsPerAddress}
 * (256) at a time, so one client cannot exhaust the node's sockets.
 */
public final class ConnectionLimiter {
    private final int maxPerAddress;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new socket from {@code address}; false (and not counted) when the address is at its limit. */
    public boolean tryOpen(String address) {
        boolean[] admitted = {false};
        open.compute(ClientAddresses.group(address), (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= maxPerAddress) {
                return n;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    /** A socket admitted by {@link #tryOpen} closed. */
    public void closed(String address) {
        open.computeIfPresent(ClientAddresses.group(address), (k, n) -> n <= 1 ? null : n - 1);
    }
}
