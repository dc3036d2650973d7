package org.opencobrowse.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.session.Tokens;

/**
 * Endpoints for operators, beside the REST API: {@code GET /metrics} (Prometheus text format; with
 * {@code metrics.token} set it needs {@code Authorization: Bearer <token>}, else 401 {@code unauthorized}) and
 * {@code GET /openapi.json} (the REST API's OpenAPI 3.1 document, docs/openapi.json). Other paths go to the next
 * handler.
 */
public final class OperationsApi extends Handler.Abstract {
    /** Where the build puts docs/openapi.json on the classpath (see pom.xml). */
    static final String OPENAPI_RESOURCE = "openapi/openapi.json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final Optional<String> metricsToken;
    private final Rejections rejections;
    private final Handler next;
    private final byte[] openApi = readOpenApi();

    public OperationsApi(Supplier<String> scrape, Optional<String> metricsToken, Rejections rejections,
                         Handler next) {
        super(InvocationType.BLOCKING); // a scrape reads the session store, which may be Redis
        this.scrape = scrape;
        this.metricsToken = metricsToken;
        this.rejections = rejections;
        this.next = next;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals("/metrics") && !path.equals("/openapi.json")) {
            return next.handle(request, response, callback);
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return reject(response, callback, ErrorCode.METHOD_NOT_ALLOWED, "Allowed methods: GET, HEAD");
        }
        boolean head = request.getMethod().equals("HEAD");
        if (path.equals("/openapi.json")) {
            return write(response, callback, "application/json", head ? null : openApi);
        }
        if (metricsToken.isPresent() && !authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cobrowse-metrics\"");
            return reject(response, callback, ErrorCode.UNAUTHORIZED,
                    "Metrics need the header Authorization: Bearer <metrics.token>");
        }
        return write(response, callback, PROMETHEUS_TEXT, head ? null : scrape.get().getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorized(String header) {
        return header != null && header.startsWith("Bearer ")
                && Tokens.same(metricsToken.orElseThrow(), header.substring("Bearer ".length()).trim());
    }

    private boolean reject(Response response, Callback callback, ErrorCode code, String message) {
        rejections.rejected(code, Rejections.Channel.REST);
        HttpReplies.error(response, callback, code, message);
        return true;
    }

    private static boolean write(Response response, Callback callback, String type, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, body == null ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static byte[] readOpenApi() {
        try (InputStream in = OperationsApi.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
