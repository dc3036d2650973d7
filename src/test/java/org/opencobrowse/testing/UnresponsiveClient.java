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
