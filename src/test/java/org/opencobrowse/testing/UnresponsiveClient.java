package org.opencobrowse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("only short frames");
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        try {
            socket.getOutputStream().write(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
