package org.opencobrowse.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.realtime.Json;

/** Writes REST replies: JSON bodies and the one error shape {@code {"error": code, "message": text}}. */
public final class HttpReplies {
    private HttpReplies() {
    }

    public static void json(Response response, Callback callback, int status, Object body) {
        String text = body instanceof String s ? s : Json.write(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    public static void error(Response response, Callback callback, ErrorCode code, String message) {
        json(response, callback, code.httpStatus(),
                Json.object().put("error", code.code()).put("message", message));
    }

    public static void error(Response response, Callback callback, CobrowseException e) {
        error(response, callback, e.code(), e.getMessage());
    }

    /** An error reply to a refused request, counted by {@code rejections} (the rejected-requests metric). */
    public static void reject(Rejections rejections, Response response, Callback callback, ErrorCode code,
                              String message) {
        rejections.rejected(code, Rejections.Channel.REST);
        error(response, callback, code, message);
    }

    public static void reject(Rejections rejections, Response response, Callback callback, CobrowseException e) {
        reject(rejections, response, callback, e.code(), e.getMessage());
    }

    public static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, null, callback);
    }
}
