package org.opencobrowse.fuzz;

import static org.opencobrowse.fuzz.RawWebSocket.BINARY;
import static org.opencobrowse.fuzz.RawWebSocket.CLOSE;
import static org.opencobrowse.fuzz.RawWebSocket.CONTINUATION;
import static org.opencobrowse.fuzz.RawWebSocket.PING;
import static org.opencobrowse.fuzz.RawWebSocket.PONG;
import static org.opencobrowse.fuzz.RawWebSocket.TEXT;
import static org.opencobrowse.fuzz.RawWebSocket.frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Wire-level WebSocket abuse: invalid UTF-8 in text frames, truncated frames, reserved opcodes and bits, unmasked
 * frames, broken or endless fragmentation, length fields far beyond any cap, oversized or fragmented control frames,
 * odd close frames, binary frames and plain garbage.
 */
final class RawFrameGenerator {
    static final List<String> KINDS = List.of("invalid-utf8", "truncated", "bad-opcode", "rsv-bits", "unmasked",
            "huge-length", "fragmented-valid", "fragment-orphan", "fragment-restart", "fragmented-control",
            "control-too-long", "odd-close", "binary", "unsolicited-pong", "garbage", "many-fragments",
            "split-writes");
    private static final byte[][] INVALID_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}};

    /** One case: its bytes, and whether the server is expected to wait for more (a truncated frame). */
    record Case(String kind, byte[] bytes, boolean incomplete) {
    }

    private final FuzzRandom random;

    RawFrameGenerator(FuzzRandom random) {
        this.random = random;
    }

    Case next() {
        String kind = random.pick(KINDS);
        byte[] ping = "{\"type\":\"ping\",\"id\":\"f\"}".getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case "invalid-utf8" -> {
                byte[] bad = random.pick(List.of(INVALID_UTF8));
                String prefix = "{\"type\":\"ping\",\"id\":\"";
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                payload.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
                payload.writeBytes(bad);
                if (random.chance(0.7)) {
                    payload.writeBytes("\"}".getBytes(StandardCharsets.UTF_8)); // else the bad bytes end the frame
                }
                yield new Case(kind, frame(true, 0, TEXT, true, payload.toByteArray()), false);
            }
            case "truncated" -> {
                byte[] whole = frame(true, 0, random.chance(0.5) ? TEXT : BINARY, true, ping);
                int cut = 1 + random.nextInt(whole.length - 1);
                yield new Case(kind, java.util.Arrays.copyOf(whole, cut), true);
            }
            case "bad-opcode" -> new Case(kind, frame(true, 0, random.pick(List.of(3, 4, 5, 6, 7, 0xB, 0xC, 0xD,
                    0xE, 0xF)), true, ping), false);
            case "rsv-bits" -> new Case(kind, frame(true, 1 + random.nextInt(7), TEXT, true, ping), false);
            case "unmasked" -> new Case(kind, frame(true, 0, random.chance(0.7) ? TEXT : PING, false, ping), false);
            case "huge-length" -> new Case(kind, frame(true, 0, random.chance(0.7) ? TEXT : BINARY, true, ping,
                    random.pick(List.of(Long.MAX_VALUE, 1L << 62, 1L << 31, 2_000_000L, -1L))), true);
            case "fragmented-valid" -> {
                int cut = 1 + random.nextInt(ping.length - 1);
                yield new Case(kind, concat(frame(false, 0, TEXT, true, java.util.Arrays.copyOf(ping, cut)),
                        frame(true, 0, PING, true, new byte[] {1, 2}),
                        frame(true, 0, CONTINUATION, true, java.util.Arrays.copyOfRange(ping, cut, ping.length))),
                        false);
            }
            case "fragment-orphan" -> new Case(kind, frame(random.chance(0.5), 0, CONTINUATION, true, ping), false);
            case "fragment-restart" -> new Case(kind, concat(frame(false, 0, TEXT, true, new byte[] {'{'}),
                    frame(true, 0, random.chance(0.5) ? TEXT : BINARY, true, ping)), false);
            case "fragmented-control" -> new Case(kind, concat(frame(false, 0, PING, true, new byte[] {1}),
                    frame(true, 0, CONTINUATION, true, new byte[] {2})), false);
            case "control-too-long" -> new Case(kind, frame(true, 0, random.pick(List.of(PING, PONG, CLOSE)), true,
                    new byte[126 + random.nextInt(300)]), false);
            case "odd-close" -> new Case(kind, frame(true, 0, CLOSE, true, random.pick(List.of(new byte[] {3},
                    closePayload(0), closePayload(999), closePayload(1004), closePayload(1005), closePayload(1006),
                    closePayload(1015), closePayload(5000), closePayload(65535), concat(closePayload(1000),
                            new byte[] {(byte) 0xC3, 0x28})))), false);
            case "binary" -> {
                byte[] payload = new byte[random.chance(0.5) ? random.nextInt(100) : 2000 + random.nextInt(5000)];
                yield new Case(kind, frame(true, 0, BINARY, true, payload), false);
            }
            case "unsolicited-pong" -> new Case(kind, frame(true, 0, PONG, true, new byte[] {9, 9}), false);
            case "garbage" -> {
                byte[] junk = new byte[1 + random.nextInt(64)];
                for (int i = 0; i < junk.length; i++) {
                    junk[i] = (byte) random.nextInt(256);
                }
                yield new Case(kind, junk, true);
            }
            case "many-fragments" -> {
                ByteArrayOutputStream frames = new ByteArrayOutputStream();
                for (int i = 0; i < ping.length; i++) {
                    frames.writeBytes(frame(i == ping.length - 1, 0, i == 0 ? TEXT : CONTINUATION, true,
                            new byte[] {ping[i]}));
                }
                yield new Case(kind, frames.toByteArray(), false);
            }
            default -> new Case("split-writes", frame(true, 0, TEXT, true, ping), false);
        };
    }

    private static byte[] closePayload(int code) {
        return new byte[] {(byte) (code >> 8), (byte) code};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
