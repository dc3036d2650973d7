package org.opencobrowse.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket (RFC 6455 by hand), so that tests can write what real clients never do:
 * invalid UTF-8, truncated or oversized frames, bad opcodes, unmasked or broken fragments.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CONTINUATION = 0x0;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** What the server did after the test's bytes: the texts it sent and how the socket ended. */
    record Outcome(List<String> texts, Integer closeCode, boolean endOfStream, boolean silent) {
        boolean said(String fragment) {
            return texts.stream().anyMatch(t -> t.contains(fragment));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens the socket and completes the upgrade handshake; fails unless the server answers 101. */
    static RawWebSocket open(int port, String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        RawWebSocket ws = new RawWebSocket(socket);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        ws.out.flush();
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("Upgrade refused: " + head.lines().findFirst().orElse(""));
        }
        return ws;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A frame as a client writes it: {@code masked} as RFC 6455 requires, or not, to test the server. */
    static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        return frame(fin, rsv, opcode, masked, payload, payload.length);
    }

    /** A frame whose length field says {@code declaredLength}, whatever the payload's real length. */
    static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, long declaredLength) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0xF);
        int mask = masked ? 0x80 : 0;
        if (declaredLength < 126) {
            frame.write(mask | (int) declaredLength);
        } else if (declaredLength <= 0xFFFF) {
            frame.write(mask | 126);
            frame.write((int) (declaredLength >> 8));
            frame.write((int) declaredLength);
        } else {
            frame.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (declaredLength >>> shift));
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            frame.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i & 3]);
        }
        return frame.toByteArray();
    }

    static byte[] text(String json) {
        return frame(true, 0, TEXT, true, json.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads server frames for up to {@code millis}: stops at a text containing {@code until} (if not null), a close
     * frame or the end of the stream; {@code silent} when none of those came in time.
     */
    Outcome read(long millis, String until) throws IOException {
        List<String> texts = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (true) {
                int left = (int) (deadline - System.currentTimeMillis());
                if (left <= 0) {
                    return new Outcome(texts, null, false, true);
                }
                socket.setSoTimeout(left);
                int b0 = in.read();
                if (b0 < 0) {
                    return new Outcome(texts, null, true, false);
                }
                int b1 = readByte();
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                int opcode = b0 & 0xF;
                if (opcode == CLOSE) {
                    Integer code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : null;
                    return new Outcome(texts, code == null ? 1005 : code, false, false);
                }
                if (opcode == TEXT || opcode == CONTINUATION) {
                    String text = new String(payload, StandardCharsets.UTF_8);
                    texts.add(text);
                    if (until != null && text.contains(until)) {
                        return new Outcome(texts, null, false, false);
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return new Outcome(texts, null, false, true);
        } catch (IOException e) { // reset by the server: it ended the connection
            return new Outcome(texts, null, true, false);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("end of stream inside a frame");
        }
        return b;
    }

    /** Drops the connection with a TCP reset, as a crashed client or a broken network does. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
