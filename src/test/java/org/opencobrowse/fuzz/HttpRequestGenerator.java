package org.opencobrowse.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Raw HTTP requests for every route of the REST API, the operations endpoints and the static files, and for random
 * paths: any method, path parameters that are real, random, percent-encoded junk or invalid UTF-8, random Origin,
 * Referer, Content-Type and Authorization, Content-Length that lies, chunked bodies that break off, huge headers.
 */
final class HttpRequestGenerator {
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "POST", "POST", "OPTIONS",
            "OPTIONS", "HEAD", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "get", "FOO", "G\u00c9T");
    private static final List<String> ROUTES = List.of("/rest/live/sessions", "/rest/live/sessions/{token}",
            "/rest/live/sessions/{token}", "/rest/live/users/{userToken}/session/stop",
            "/rest/live/users/{userToken}/session/stop", "/rest/history/sessions/{token}", "/health", "/health",
            "/metrics", "/openapi.json", "/js/gcb.min.js", "/js/agent.js", "/agent.html", "/demo/", "/demo",
            "/demo/index.html", "/", "", "/ws", "/rest", "/rest/", "/rest/live", "/rest/live/users/{userToken}",
            "/{random}", "/rest/{random}", "/js/{random}", "/demo/{random}.html", "/js/../../WEB-INF/web.xml",
            "//health", "/%2e%2e/%2e%2e/etc/passwd", "/agent.html/..;/health", "/rest/live/sessions/");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=klingon", "", "\u00ff\u00fe", "*/*;;;");

    /** Real values for path parameters, so some requests reach the handlers' happy paths. */
    record Known(String sessionToken, String controllerUserToken, String customerUserToken, String historyId) {
    }

    private final FuzzRandom random;
    private final int port;
    private final Known known;

    HttpRequestGenerator(FuzzRandom random, int port, Known known) {
        this.random = random;
        this.port = port;
        this.known = known;
    }

    /** One request; {@code method} tells the caller whether a body may be expected back. */
    record Request(String method, String path, byte[] bytes) {
        String describe() {
            return method + " " + path;
        }
    }

    /**
     * One request. About half are well-formed HTTP (standard method and version, ASCII headers, honest framing) so
     * that they reach the routes' own checks; the rest are hostile at the protocol level as well.
     */
    Request next() {
        boolean clean = random.chance(0.5);
        String method = clean ? random.pick(METHODS.subList(0, 9)) : random.chance(0.97) ? random.pick(METHODS)
                : random.text(5).replaceAll("[\\s\\r\\n]", "X");
        String path = path();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String version = clean || random.chance(0.97) ? "HTTP/1.1" : random.pick(List.of("HTTP/1.0", "HTTP/2.0",
                "HTTP/9.9", "HTTP/1.1x", "", "http/1.1"));
        write(out, method + " ");
        out.writeBytes(clean ? cleanPath(path) : pathBytes(path));
        write(out, (version.isEmpty() ? "" : " " + version) + "\r\n");
        if (clean || random.chance(0.95)) {
            write(out, "Host: " + (clean || random.chance(0.97) ? "127.0.0.1:" + port : random.pick(List.of("",
                    "evil.example", "127.0.0.1:" + port + ", other", "[::1", "\u00e9.example"))) + "\r\n");
        }
        write(out, "Connection: close\r\n");
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        headers(headers, method, clean);
        byte[] headerBytes = headers.toByteArray();
        for (int i = 0; clean && i < headerBytes.length; i++) { // clean requests keep header values to visible ASCII
            int c = headerBytes[i] & 0xFF;
            if (c >= 0x7F || c < 0x20 && c != '\r' && c != '\n') {
                headerBytes[i] = '_';
            }
        }
        out.writeBytes(headerBytes);
        byte[] body = body();
        if (clean) {
            write(out, (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n");
            out.writeBytes(body);
        } else {
            bodyFraming(out, body);
        }
        return new Request(method, path, out.toByteArray());
    }

    /** The path percent-encoded where HTTP needs it, so that Jetty's parser lets it through to the routes. */
    private static byte[] cleanPath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '\\' && c != '"' && c != '<' && c != '>' && c != '`' && c != '{'
                    && c != '}' && c != '|' && c != '^') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private String path() {
        String route = random.pick(ROUTES)
                .replace("{token}", pathParameter(known.sessionToken(), known.historyId()))
                .replace("{userToken}", pathParameter(known.controllerUserToken(), known.customerUserToken()))
                .replace("{random}", FuzzRandom.escaped(random.text(random.nextInt(12))).replace(" ", "%20"));
        String prefix = random.chance(0.92) ? "/cobrowse" : random.pick(List.of("", "/cobrowseX", "/COBROWSE", "/x"));
        String query = random.chance(0.2) ? "?" + random.pick(List.of("a=1", "a=%ff%fe", "=&&=", "x=" + "y".repeat(
                9000), "callback=<script>", "%")) : "";
        return prefix + route + query;
    }

    private String pathParameter(String real, String other) {
        return switch (random.nextInt(8)) {
            case 0, 1 -> real;
            case 2 -> other;
            case 3 -> Long.toString(random.nextInt(1_000_000_000));
            case 4 -> random.pick(List.of("%00", "%ff%fe", "%c3%28", "%2F", "%25", "..", ".", "%2e%2e", "a b",
                    "\u00e9\u4e2d", "9".repeat(10_000)));
            default -> FuzzRandom.escaped(random.text(1 + random.nextInt(20))).replaceAll("[\\s/?#]", "_");
        };
    }

    /** The path's bytes: UTF-8, sometimes with raw invalid UTF-8 or control bytes spliced in. */
    private byte[] pathBytes(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(path.replaceAll("[\\r\\n ]", "_").getBytes(StandardCharsets.UTF_8));
        if (random.chance(0.05)) {
            out.writeBytes(random.pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {0x00}, new byte[] {0x7F},
                    new byte[] {(byte) 0xC0, (byte) 0xAF})));
        }
        return out.toByteArray();
    }

    private void headers(ByteArrayOutputStream out, String method, boolean clean) {
        String own = "http://127.0.0.1:" + port;
        if (random.chance(0.6)) {
            write(out, "Origin: " + random.pick(List.of(own, own, "http://localhost:" + port, "null",
                    "https://evil.example", "http://127.0.0.1:1", "not a url", "http://" + "a".repeat(3000),
                    "\u00e9://x")) + "\r\n");
        }
        if (random.chance(0.3)) {
            write(out, "Referer: " + random.pick(List.of(own + "/cobrowse/demo/", "https://evil.example/",
                    "::::", own + "/%zz", "")) + "\r\n");
        }
        if (random.chance(0.2)) {
            write(out, "Authorization: " + random.pick(List.of("Bearer ", "Bearer x.y.z", "Basic Zm9vOmJhcg==",
                    "Bearer " + "a".repeat(5000), "bearer\u00e9")) + "\r\n");
        }
        if (method.equals("OPTIONS") || random.chance(0.05)) {
            write(out, "Access-Control-Request-Method: " + random.pick(List.of("GET", "POST", "DELETE", "", "x"))
                    + "\r\n");
            if (random.chance(0.5)) {
                write(out, "Access-Control-Request-Headers: content-type, x-" + random.nextInt(99) + "\r\n");
            }
        }
        if (random.chance(0.1)) {
            write(out, "X-Forwarded-For: " + random.pick(List.of("1.2.3.4", "::1", "garbage", "1.1.1.1, 2.2.2.2"))
                    + "\r\n");
        }
        if (random.chance(0.1)) {
            write(out, "Cookie: gcbSessionServer=" + FuzzRandom.escaped(random.text(10)).replaceAll("[\\r\\n]", "")
                    + "\r\n");
        }
        if (!clean && random.chance(0.05)) {
            write(out, "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: bm9uY2U=\r\n");
        }
        if (!clean && random.chance(0.03)) {
            write(out, "X-Huge: " + "h".repeat(random.chance(0.5) ? 9_000 : 70_000) + "\r\n");
        }
        if (!clean && random.chance(0.02)) {
            for (int i = 0; i < 300; i++) {
                write(out, "X-Many-" + i + ": " + i + "\r\n");
            }
        }
        if (!clean && random.chance(0.03)) {
            write(out, random.pick(List.of("Bad Header: x\r\n", ": empty name\r\n", "NoColon\r\n",
                    "X-Folded: a\r\n b\r\n", "X-Ctl: \u0001\r\n")));
        }
        if (random.chance(0.3)) {
            write(out, "Content-Type: " + random.pick(CONTENT_TYPES) + "\r\n");
        }
    }

    private byte[] body() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> new byte[0];
            case 3 -> random.value(3).getBytes(StandardCharsets.UTF_8);
            case 4 -> random.corrupt("{\"sessionToken\":\"123\"}").getBytes(StandardCharsets.UTF_8);
            case 5 -> new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x00, '{'};
            case 6 -> random.deepNesting().getBytes(StandardCharsets.UTF_8);
            default -> random.chance(0.1) ? new byte[1_100_000] : "a=b&c=d".getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Content-Length honest or not, chunked well or badly. */
    private void bodyFraming(ByteArrayOutputStream out, byte[] body) {
        int kind = random.nextInt(14);
        if (kind <= 9) {
            if (body.length > 0 || random.chance(0.3)) {
                write(out, "Content-Length: " + body.length + "\r\n");
            }
            write(out, "\r\n");
            out.writeBytes(body);
        } else if (kind == 10 || kind == 11) {
            write(out, "Content-Length: " + random.pick(List.of(Integer.toString(body.length + 10),
                    Integer.toString(Math.max(0, body.length - 1)), "-1", "abc", "99999999999999999999", "2147483648",
                    body.length + ", " + (body.length + 1))) + "\r\n\r\n");
            out.writeBytes(body);
        } else if (kind == 12) {
            write(out, "Content-Length: " + body.length + "\r\nContent-Length: " + (body.length + 5) + "\r\n\r\n");
            out.writeBytes(body);
        } else {
            write(out, "Transfer-Encoding: " + random.pick(List.of("chunked", "chunked", "gzip, chunked", "identity",
                    "chunked, chunked")) + "\r\n\r\n");
            write(out, random.pick(List.of(Integer.toHexString(body.length), "zz", "FFFFFFFFFFFFFFFF", "-1", ""))
                    + "\r\n");
            out.writeBytes(body);
            write(out, random.chance(0.5) ? "\r\n0\r\n\r\n" : "\r\n");
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
