package org.opencobrowse.security;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.opencobrowse.config.SecurityConfig;

/** The TLS listener ({@code https.port}) with the key and certificate chain of a PKCS12 keystore. */
public final class HttpsConnector {
    private HttpsConnector() {
    }

    /** A connector on {@code host}:{@code https.port} that shares {@code plain}'s HTTP settings. */
    public static ServerConnector create(Server server, HttpConfiguration plain, SecurityConfig.Https https,
                                         String host) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(https.keystore().toAbsolutePath().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(https.keystorePassword());
        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        // Clients reach nodes by IP, load-balancer names and localhost: the certificate is the client's to check.
        customizer.setSniHostCheck(false);
        secure.addCustomizer(customizer);
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(secure));
        connector.setHost(host);
        connector.setPort(https.port());
        return connector;
    }
}
