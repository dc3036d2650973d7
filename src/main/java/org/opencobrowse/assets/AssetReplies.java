package org.opencobrowse.assets;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes an asset to the agent's browser. The headers make it inert whatever it is: the declared type only
 * ({@code nosniff}), and a sandboxing Content-Security-Policy, so an SVG opened on its own cannot run script on the
 * co-browse server's origin. The URL itself is the capability (session and key), so any origin may read it (an agent
 * desktop embedding the viewer loads fonts cross-origin) but no cookie is ever involved.
 */
final class AssetReplies {
    private AssetReplies() {
    }

    static void write(Response response, Callback callback, Asset asset, byte[] body, boolean head, long maxAgeSeconds) {
        response.setStatus(200);
        var headers = response.getHeaders();
        String type = asset.contentType();
        headers.put(HttpHeader.CONTENT_TYPE, type.startsWith("text/") ? type + ";charset=utf-8" : type);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                + "font-src data:; sandbox");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        headers.put(HttpHeader.CACHE_CONTROL, "private, max-age=" + maxAgeSeconds);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }
}
