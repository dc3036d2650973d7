package org.opencobrowse.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP/1.1 on a plain socket, so that requests may be anything: odd methods and versions, invalid bytes in the path,
 * Content-Length that lies, huge headers. Writes the request, half-closes, and reads until the server closes.
 */
final class RawHttp {
    /** The server's answer; {@code status} 0 when it closed without one, -1 when it did not close in time. */
    record Reply(int status, String head, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    static Reply exchange(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may refuse and close before reading it all: its answer is still to be read.
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                return new Reply(-1, all.toString(StandardCharsets.ISO_8859_1), new byte[0]);
            } catch (IOException e) {
                // reset after the answer: keep what came
            }
            return parse(all.toByteArray());
        }
    }

    /** The first answer in {@code bytes}; chunked bodies are joined. */
    static Reply parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Reply(0, text, new byte[0]);
        }
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        Reply reply = new Reply(status, head, rest);
        String length = reply.header("content-length");
        if (length != null) {
            return new Reply(status, head, Arrays.copyOf(rest, Math.min(rest.length, Integer.parseInt(length))));
        }
        if ("chunked".equalsIgnoreCase(reply.header("transfer-encoding"))) {
            return new Reply(status, head, dechunk(rest));
        }
        return reply;
    }

    private static byte[] dechunk(byte[] rest) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(rest, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(rest, lineEnd + 2, Math.min(size, rest.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
