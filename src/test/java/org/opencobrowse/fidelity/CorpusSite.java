package org.opencobrowse.fidelity;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The fidelity corpus as a customer's site really serves it: pages, bundles and same-origin assets on
 * http://127.0.0.1:PORT/corpus/ (no CORS headers; {@code private/badge.png} only with the {@code login=yes} cookie,
 * like an image behind a login), and a CDN on another origin, http://localhost:PORT2, serving {@code /cdn/*} without
 * CORS headers and {@code /cdn-cors/*} with {@code Access-Control-Allow-Origin: *}. Pages come from
 * {@code web/corpus/} (test resources) with {@code {{gcbUrl}}} and {@code {{cdn}}} filled in; bundles and the web font
 * from {@code web/demo/e2e/fixtures/} (built by {@code node build.mjs --fixtures}).
 */
public final class CorpusSite implements AutoCloseable {
    static final byte[] PHOTO = png(160, 100, new Color(0xe65100), new Color(0x1a237e));
    static final byte[] PARCEL = png(120, 80, new Color(0x8d6e63), new Color(0xffe082));
    static final byte[] STRIPES = png(40, 60, new Color(0x00897b), new Color(0xf48fb1));
    static final byte[] BADGE = png(160, 100, new Color(0x6a1b9a), new Color(0xc0ca33));
    static final String THEME_CSS = "@font-face { font-family: \"Brand Theme\"; "
            + "src: url(\"../cdn-cors/lobster.woff2\") format(\"woff2\"); }\n"
            + ".theme { font-family: \"Brand Theme\", serif; font-size: 30px; color: #7f6000; margin: 6px 0;"
            + " padding-right: 80px; background: url(photo.png) no-repeat right center / 60px 38px; }\n";

    private final Server site;
    private final Server cdn;
    /** Requests for the private badge that came without the visitor's login cookie (anyone but the visitor). */
    public final List<String> privateRequestsWithoutLogin = new CopyOnWriteArrayList<>();

    private CorpusSite(Supplier<String> gcbUrl) {
        this.cdn = server("localhost", new Files(this::cdnFile));
        this.site = server("127.0.0.1", new Files(path -> siteFile(path, gcbUrl.get())));
    }

    /** @param gcbUrl the co-browse node's URL for the pages' script tag */
    public static CorpusSite start(Supplier<String> gcbUrl) {
        return new CorpusSite(gcbUrl);
    }

    public String origin() {
        return "http://127.0.0.1:" + port(site);
    }

    public String cdnOrigin() {
        return "http://localhost:" + port(cdn);
    }

    /** Where the visitor logs in: sets the cookie the private badge needs. */
    public String login() {
        return page("login");
    }

    public String page(String name) {
        return origin() + "/corpus/" + name;
    }

    /** One answer: type, body and extra headers; null body means 404. */
    private record File(String type, byte[] body, Map<String, String> headers) {
    }

    private File siteFile(Request request, String gcbUrl) {
        String path = request.getHttpURI().getPath();
        if (path.equals("/corpus/private/badge.png")) {
            String cookie = request.getHeaders().get("Cookie");
            if (cookie == null || !cookie.contains("login=yes")) {
                privateRequestsWithoutLogin.add(String.valueOf(request.getHeaders().get("User-Agent")));
                return new File("text/plain", "login required".getBytes(StandardCharsets.UTF_8), Map.of());
            }
            return new File("image/png", BADGE, Map.of());
        }
        if (path.startsWith("/corpus/fixtures/")) {
            String name = path.substring("/corpus/fixtures/".length());
            return new File(name.endsWith(".js") ? "application/javascript" : "font/woff2",
                    resource("web/demo/e2e/fixtures/" + name), Map.of());
        }
        return switch (path) {
            case "/corpus/login" -> new File("text/html;charset=utf-8", "<p>Logged in</p>".getBytes(StandardCharsets.UTF_8),
                    Map.of("Set-Cookie", "login=yes; Path=/corpus; SameSite=Lax"));
            case "/corpus/img/parcel.png" -> new File("image/png", PARCEL, Map.of());
            case "/corpus/img/stripes.png" -> new File("image/png", STRIPES, Map.of());
            default -> {
                byte[] page = path.endsWith(".html") ? resource("web/corpus/" + path.substring(8)) : null;
                yield new File("text/html;charset=utf-8", page == null ? null : new String(page, StandardCharsets.UTF_8)
                        .replace("{{gcbUrl}}", gcbUrl).replace("{{cdn}}", cdnOrigin())
                        .getBytes(StandardCharsets.UTF_8), Map.of());
            }
        };
    }

    private File cdnFile(Request request) {
        Map<String, String> cors = Map.of("Access-Control-Allow-Origin", "*");
        return switch (request.getHttpURI().getPath()) {
            case "/cdn/photo.png" -> new File("image/png", PHOTO, Map.of());
            case "/cdn/theme.css" -> new File("text/css", THEME_CSS.getBytes(StandardCharsets.UTF_8), Map.of());
            case "/cdn-cors/photo.png" -> new File("image/png", PHOTO, cors);
            case "/cdn-cors/lobster.woff2" -> new File("font/woff2", resource("web/demo/e2e/fixtures/lobster.woff2"),
                    cors);
            default -> new File("text/plain", null, Map.of());
        };
    }

    /** Serves what a function of the request answers; the private badge without its cookie gets 403. */
    private static final class Files extends Handler.Abstract {
        private final java.util.function.Function<Request, File> files;

        Files(java.util.function.Function<Request, File> files) {
            this.files = files;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            File file = files.apply(request);
            boolean missing = file.body() == null;
            boolean refused = file.type().equals("text/plain") && !missing;
            response.setStatus(missing ? 404 : refused ? 403 : 200);
            response.getHeaders().put("Content-Type", file.type());
            response.getHeaders().put("Cache-Control", "no-cache");
            file.headers().forEach(response.getHeaders()::put);
            response.write(true, missing ? null : ByteBuffer.wrap(file.body()), callback);
            return true;
        }
    }

    private static Server server(String host, Handler handler) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host.equals("localhost") ? "127.0.0.1" : host);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Corpus server did not start", e);
        }
        return server;
    }

    private static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private static byte[] resource(String name) {
        try (InputStream in = CorpusSite.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** A recognisable test image: a diagonal gradient with a checker of squares. */
    private static byte[] png(int width, int height, Color from, Color to) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, from, width, height, to));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        for (int x = 0; x < width; x += 20) {
            for (int y = (x / 20) % 2 * 10; y < height; y += 20) {
                g.fillRect(x, y, 10, 10);
            }
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        site.stop();
        cdn.stop();
    }
}
