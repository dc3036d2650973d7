package org.opencobrowse.cluster;

/**
 * Redis key names. Every key of one session carries the session token as a hash tag ({@code {token}}), so all of a
 * session's keys live in one Redis Cluster slot and scripts may touch them together.
 */
public final class RedisKeys {
    private static final String PREFIX = "cobrowse:";

    private RedisKeys() {
    }

    public static String session(String token) {
        return PREFIX + "{" + token + "}:session";
    }

    public static String events(String token) {
        return PREFIX + "{" + token + "}:events";
    }

    public static String eventBytes(String token) {
        return PREFIX + "{" + token + "}:event-bytes";
    }

    public static String eventSeq(String token) {
        return PREFIX + "{" + token + "}:event-seq";
    }

    public static String channel(String token) {
        return PREFIX + "{" + token + "}:channel";
    }

    /** The session's DOM frames: only nodes with its agents subscribe (see {@link Broker#subscribeDom}). */
    public static String domChannel(String token) {
        return PREFIX + "{" + token + "}:dom";
    }

    /** The session token inside a per-session key or channel name ({@code cobrowse:{token}:…}); "" if none. */
    public static String tokenOf(String key) {
        int open = key.indexOf('{');
        int close = key.indexOf('}', open + 1);
        return open < 0 || close < 0 ? "" : key.substring(open + 1, close);
    }

    public static String history(String token) {
        return PREFIX + "{" + token + "}:history";
    }

    /** History id → session token, to find a history record by its id. */
    public static String historyIndex(String historyId) {
        return PREFIX + "history-id:" + historyId;
    }

    /** The set of live session tokens, for sweeps. */
    public static String liveSessions() {
        return PREFIX + "live-sessions";
    }

    /** Failed lookups of a client address group in the current window (see LookupFailures). */
    public static String lookupFailures(String addressGroup) {
        return PREFIX + "lookups:" + addressGroup + ":failures";
    }

    /** Present while a client address group is locked out. */
    public static String lookupLockout(String addressGroup) {
        return PREFIX + "lookups:" + addressGroup + ":lockout";
    }

    public static String node(String name) {
        return PREFIX + "node:" + name;
    }

    public static String nodePattern() {
        return PREFIX + "node:*";
    }
}
