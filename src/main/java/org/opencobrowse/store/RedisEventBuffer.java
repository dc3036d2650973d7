package org.opencobrowse.store;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opencobrowse.cluster.Delivery;
import org.opencobrowse.cluster.LuaScript;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.cluster.RedisKeys;
import org.opencobrowse.realtime.Frames;

/**
 * {@link EventBuffer} in Redis: a list of frames, a byte count and a sequence counter per session, all under the
 * session's hash tag and changed together by one script, so any node can append and any node can replay.
 */
public final class RedisEventBuffer implements EventBuffer {
    /**
     * KEYS: list, bytes, seq. ARGV: max bytes, ttl ms, channel ("" = do not publish), batch mark, DOM delivery header,
     * its length in characters, then per frame: snapshot (1/0), frame text before and after the sequence number, their
     * length in characters. Numbers each frame and keeps it, in one step for the whole batch; returns {seq,
     * needsSnapshot (1/0)} per frame. A snapshot restarts the list; a frame with no snapshot before it, or one that
     * would overflow the cap (which empties the list), is not kept and asks for a snapshot. With a channel, publishes
     * the numbered frames as one {@link Delivery#encodeBatch batch} of DOM deliveries (argument "seq" or "seq:s", as
     * {@link Delivery#dom}), whose lengths count characters as Java does: Lua counts bytes, so the caller passes the
     * character counts and the digits are ASCII. Expiry is renewed when a key is created, on a snapshot and every 64th
     * frame, not on every batch (two calls less per batch): the ttl exceeds the session's own limit.
     */
    private static final LuaScript APPEND = LuaScript.of("""
            local max = tonumber(ARGV[1])
            local ttl = ARGV[2]
            local channel = ARGV[3]
            local headerChars = tonumber(ARGV[6])
            local stored = redis.call('GET', KEYS[2])
            local bytes = tonumber(stored or '0')
            local refresh = not stored
            local kept = redis.call('LLEN', KEYS[1])
            local out = {}
            local batch = {ARGV[4]}
            for i = 7, #ARGV, 4 do
              local seq = redis.call('INCR', KEYS[3])
              if seq % 64 == 1 then
                refresh = true
              end
              local frame = ARGV[i + 1] .. seq .. ARGV[i + 2]
              local snapshot = ARGV[i] == '1'
              local needs = 0
              if snapshot then
                redis.call('DEL', KEYS[1])
                bytes = 0
                kept = 0
                refresh = true
              end
              if not snapshot and kept == 0 then
                needs = 1
              elseif bytes + #frame > max then
                redis.call('DEL', KEYS[1])
                bytes = 0
                kept = 0
                needs = 1
              else
                redis.call('RPUSH', KEYS[1], frame)
                bytes = bytes + #frame
                kept = kept + 1
              end
              out[#out + 1] = seq
              out[#out + 1] = needs
              if channel ~= '' then
                local argument = snapshot and (seq .. ':s') or tostring(seq)
                local chars = headerChars + #argument + 1 + tonumber(ARGV[i + 3]) + #tostring(seq)
                batch[#batch + 1] = chars .. '\\n' .. ARGV[5] .. argument .. '\\n' .. frame
              end
            end
            if refresh then
              redis.call('SET', KEYS[2], bytes, 'PX', ttl)
              redis.call('PEXPIRE', KEYS[3], ttl)
              if kept > 0 then
                redis.call('PEXPIRE', KEYS[1], ttl)
              end
            else
              redis.call('SET', KEYS[2], bytes, 'KEEPTTL')
            end
            if channel ~= '' then
              redis.call('PUBLISH', channel, table.concat(batch))
            end
            return out
            """);

    /** ARGV index (0-based) of the first frame's arguments. */
    private static final int FIRST_FRAME = 6;

    private final RedisConnector redis;
    private final long maxBytes;
    private final Duration ttl;
    /** The DOM delivery header of the node publishing appended frames; null when this buffer does not publish. */
    private final String deliveryHeader;

    /**
     * A buffer that only numbers and keeps frames.
     *
     * @param maxBytes the cap per session ({@code session.maxBufferSize})
     * @param ttl      how long a session's buffer lives after its latest snapshot or 64th frame (more than a session may)
     */
    public RedisEventBuffer(RedisConnector redis, long maxBytes, Duration ttl) {
        this(redis, maxBytes, ttl, null);
    }

    /**
     * A buffer that also publishes appended frames on the session's channel as DOM deliveries of {@code originNode}
     * (see {@link #publishesAppended}), for {@link org.opencobrowse.cluster.RedisBroker} subscribers.
     */
    public RedisEventBuffer(RedisConnector redis, long maxBytes, Duration ttl, String originNode) {
        this.redis = redis;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.deliveryHeader = originNode == null ? null : Delivery.domHeader(originNode);
    }

    @Override
    public boolean publishesAppended() {
        return deliveryHeader != null;
    }

    @Override
    public CompletionStage<List<Appended>> appendAll(String sessionToken, List<Pending> frames) {
        String[] args = new String[FIRST_FRAME + 4 * frames.size()];
        args[0] = String.valueOf(maxBytes);
        args[1] = String.valueOf(ttl.toMillis());
        args[2] = deliveryHeader == null ? "" : RedisKeys.domChannel(sessionToken);
        args[3] = Delivery.BATCH_MARK;
        args[4] = deliveryHeader == null ? "" : deliveryHeader;
        args[5] = String.valueOf(args[4].length());
        for (int i = 0; i < frames.size(); i++) {
            Pending frame = frames.get(i);
            String[] parts = Frames.domTemplate(frame.snapshot(), frame.rawEvents());
            int at = FIRST_FRAME + 4 * i;
            args[at] = frame.snapshot() ? "1" : "0";
            args[at + 1] = parts[0];
            args[at + 2] = parts[1];
            args[at + 3] = String.valueOf(parts[0].length() + parts[1].length());
        }
        CompletionStage<List<Object>> result;
        try {
            result = APPEND.runAsync(redis.async(), ScriptOutputType.MULTI, keys(sessionToken), args);
        } catch (RuntimeException unreachable) {
            return CompletableFuture.failedFuture(unreachable);
        }
        return result.thenApply(numbers -> {
            List<Appended> appended = new ArrayList<>(frames.size());
            for (int i = 0; i < frames.size(); i++) {
                long seq = (Long) numbers.get(2 * i);
                int at = FIRST_FRAME + 4 * i;
                appended.add(new Appended(seq, args[at + 1] + seq + args[at + 2],
                        (Long) numbers.get(2 * i + 1) == 1));
            }
            return appended;
        });
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
