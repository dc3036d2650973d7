package org.opencobrowse.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencobrowse.session.Tokens;

/**
 * Participants whose socket closed on this node and who have not resumed anywhere yet, with when (UTC ms), grouped by
 * session so that ending a session forgets its participants without looking at every other session's.
 */
final class Disconnections {
    private final Map<String, Map<String, Long>> bySession = new ConcurrentHashMap<>();

    void put(String userToken, long since) {
        bySession.computeIfAbsent(sessionOf(userToken), s -> new ConcurrentHashMap<>()).put(userToken, since);
    }

    void remove(String userToken) {
        bySession.computeIfPresent(sessionOf(userToken), (session, users) -> {
            users.remove(userToken);
            return users.isEmpty() ? null : users;
        });
    }

    void forgetSession(String sessionToken) {
        bySession.remove(sessionToken);
    }

    /** Removes and returns the userTokens disconnected before {@code cutoff} (UTC ms). */
    List<String> takeBefore(long cutoff) {
        List<String> expired = new ArrayList<>();
        bySession.forEach((session, users) -> users.forEach((userToken, since) -> {
            if (since < cutoff) {
                expired.add(userToken);
            }
        }));
        expired.forEach(this::remove);
        return expired;
    }

    private static String sessionOf(String userToken) {
        return Tokens.sessionTokenOf(userToken).orElse("");
    }
}
