package org.opencobrowse.security;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * With HTTPS configured: adds {@code Strict-Transport-Security} to every HTTPS response ({@code https.hstsMaxAge}) and,
 * with {@code https.redirect}, answers plain-HTTP requests with 308 to the same URL over HTTPS. Health checks stay on
 * plain HTTP so load balancers need no certificates.
 */
public final class TransportSecurityHandler extends Handler.Wrapper {
    private final String hsts;
    private final boolean redirect;
    private final IntSupplier httpsPort;
    private final String healthPath;

    /**
     * @param httpsPort  the port HTTPS listens on (known after start with {@code https.port=0})
     * @param healthPath the health route, never redirected
     */
    public TransportSecurityHandler(Handler next, Duration hstsMaxAge, boolean redirect, IntSupplier httpsPort,
                                    String healthPath) {
        super(next);
        this.hsts = hstsMaxAge.isZero() ? null : "max-age=" + hstsMaxAge.toSeconds();
        this.redirect = redirect;
        this.httpsPort = httpsPort;
        this.healthPath = healthPath;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.isSecure()) {
            if (hsts != null) {
                response.getHeaders().put(HttpHeader.STRICT_TRANSPORT_SECURITY, hsts);
            }
        } else if (redirect && !request.getHttpURI().getPath().equals(healthPath)) {
            HttpURI target = HttpURI.build(request.getHttpURI()).scheme("https").port(httpsPort.getAsInt());
            response.getHeaders().put(HttpHeader.LOCATION, target.asString());
            response.setStatus(308);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
            callback.succeeded();
            return true;
        }
        return super.handle(request, response, callback);
    }
}
