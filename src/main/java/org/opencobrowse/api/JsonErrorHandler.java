package org.opencobrowse.api;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.opencobrowse.errors.ErrorCode;

/**
 * Errors that Jetty raises itself (malformed requests, oversized headers, unmatched paths) in the one JSON error
 * shape, never as an HTML page or a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        if (status == 505) {
            status = 400; // an HTTP version Jetty does not speak is the client's mistake, not a server failure
        }
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413, 431 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
        };
        Object message = request.getAttribute(ERROR_MESSAGE);
        // Keep headers such as "Connection: close" that Jetty set for a broken request: dropping them lets the
        // client reuse a connection the server is closing.
        response.getHeaders().remove(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE);
        HttpReplies.json(response, callback, status, org.opencobrowse.realtime.Json.object()
                .put("error", code.code())
                .put("message", status < 500 && message != null ? message.toString() : "Request failed"));
        return true;
    }
}
