package org.opencobrowse.store;

import org.opencobrowse.cluster.LuaScript;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.cluster.RedisKeys;
import org.opencobrowse.realtime.Frames;

/**
 * {@link EventBuffer} in Redis: a list of frames, a byte count and a sequence counter per session, all under the
 * session's hash tag and changed together by one script, so any node can append and any node can replay.
 */
public final class RedisEventBuffer implements EventBuffer {
    /**
     * KEYS: list, bytes, seq. ARGV: snapshot (1/0), unused, max bytes, ttl ms, frame text before and after the
     * sequence number. Numbers the frame and keeps it in one step; returns {seq, needsSnapshot (1/0)}.
     */
    private static final LuaScript APPEND = LuaScript.of("""
            local seq = redis.call('INCR', KEYS[3])
            redis.call('PEXPIRE', KEYS[3], ARGV[4])
            local frame = ARGV[5] .. seq .. ARGV[6]
            if ARGV[1] == '1' then
              redis.call('DEL', KEYS[1])
              redis.call('SET', KEYS[2], 0, 'PX', ARGV[4])
            elseif redis.call('LLEN', KEYS[1]) == 0 then
              return {seq, 1}
            end
            local bytes = tonumber(redis.call('GET', KEYS[2]) or '0')
            if bytes + #frame > tonumber(ARGV[3]) then
              redis.call('DEL', KEYS[1])
              redis.call('SET', KEYS[2], 0, 'PX', ARGV[4])
              return {seq, 1}
            end
            redis.call('RPUSH', KEYS[1], frame)
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('INCRBY', KEYS[2], #frame)
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return {seq, 0}
            """);

    private final RedisConnector redis;
    private final long maxBytes;
    private final Duration ttl;

    /**
     * @param maxBytes the cap per session ({@code session.maxBufferSize})
     * @param ttl      how long a silent session's buffer lives
     */
    public RedisEventBuffer(RedisConnector redis, long maxBytes, Duration ttl) {
        this.redis = redis;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
    }

    @Override
    public Appended append(String sessionToken, boolean snapshot, String rawEvents) {
        String[] parts = Frames.domTemplate(snapshot, rawEvents);
        List<Object> result = APPEND.run(redis.sync(), ScriptOutputType.MULTI, keys(sessionToken),
                snapshot ? "1" : "0", "0", String.valueOf(maxBytes), String.valueOf(ttl.toMillis()),
                parts[0], parts[1]);
        long seq = (Long) result.get(0);
        boolean needsSnapshot = (Long) result.get(1) == 1;
        return new Appended(seq, parts[0] + seq + parts[1], needsSnapshot);
    }

    @Override
    public List<String> frames(String sessionToken) {
        return redis.sync().lrange(RedisKeys.events(sessionToken), 0, -1);
    }

    @Override
    public long size(String sessionToken) {
        String bytes = redis.sync().get(RedisKeys.eventBytes(sessionToken));
        return bytes == null ? 0 : Long.parseLong(bytes);
    }

    @Override
    public void clear(String sessionToken) {
        redis.sync().del(keys(sessionToken));
    }

    /** After Redis lost its data, continues numbering after {@code lastSeq} so that agents do not drop frames. */
    public void restoreSequence(String sessionToken, long lastSeq) {
        redis.sync().set(RedisKeys.eventSeq(sessionToken), String.valueOf(lastSeq),
                io.lettuce.core.SetArgs.Builder.nx().px(ttl.toMillis()));
    }

    private static String[] keys(String token) {
        return new String[] {RedisKeys.events(token), RedisKeys.eventBytes(token), RedisKeys.eventSeq(token)};
    }
}
