package org.opencobrowse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client that opens its socket and then never reads or answers again, like a browser whose network went
 * away: the server's close frame gets no reply, so the server still counts the socket as open.
 */
public final class UnresponsiveClient implements AutoCloseable {
    private final Socket socket;

    private UnresponsiveClient(Socket socket) {
        this.socket = socket;
    }

    /** Completes the WebSocket handshake with {@code ws://host:port/path} and goes silent. */
    public static UnresponsiveClient connect(URI ws) {
        try {
            Socket socket = new Socket(ws.getHost(), ws.getPort());
            String key = Base64.getEncoder().encodeToString("unresponsive-key".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(("GET " + ws.getPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":"
                    + ws.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/1.1 101")) {
                socket.close();
                throw new IllegalStateException("WebSocket handshake refused: " + head);
            }
            return new UnresponsiveClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one text frame (masked, as clients must), e.g. a join before going silent; reads nothing back. */
    public void send(String text) {
        dribble(text, Integer.MAX_VALUE, 0);
    }

    /**
     * Sends one text frame {@code chunk} bytes at a time, {@code pauseMillis} apart, like a large frame on a slow
     * link; reads nothing back and answers no ping meanwhile.
     */
    public void dribble(String text, int chunk, long pauseMillis) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 65535) {
            throw new IllegalArgumentException("frames up to 64 KiB only");
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        int header = payload.length < 126 ? 6 : 8;
        byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, header - 4, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        try {
            for (int at = 0; at < frame.length; at += chunk) {
                socket.getOutputStream().write(frame, at, Math.min(chunk, frame.length - at));
                socket.getOutputStream().flush();
                if (pauseMillis > 0 && at + chunk < frame.length) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The opcodes of the frames the server sent so far (pings are 9, a close 8), read for up to {@code waitMillis}
     * after the last one; -1 at the end when the server closed the TCP connection.
     */
    public List<Integer> opcodesReceived(int waitMillis) {
        List<Integer> opcodes = new ArrayList<>();
        try {
            socket.setSoTimeout(waitMillis);
            InputStream in = socket.getInputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    opcodes.add(-1);
                    return opcodes;
                }
                opcodes.add(first & 0x0F);
                long length = in.read() & 0x7F;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                in.readNBytes((int) length);
            }
        } catch (java.net.SocketTimeoutException quiet) {
            return opcodes;
        } catch (IOException e) {
            opcodes.add(-1); // reset by the server
            return opcodes;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket nobody reads
        }
    }
}
