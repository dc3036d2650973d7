package org.opencobrowse.testing;

import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.opencobrowse.web.WebAssets;

/**
 * The demo shop served from another origin than the node (http://127.0.0.1:PORT/shop/demo/ while the node is at
 * http://localhost:PORT/cobrowse), as a real customer site would be: script, CORS and WebSocket all cross-origin.
 */
public final class DemoSite implements AutoCloseable {
    private final Server server;

    private DemoSite(Server server) {
        this.server = server;
    }

    /** @param gcbUrl the node's URL for the pages' script tag, read on every request */
    public static DemoSite start(Supplier<String> gcbUrl) {
        try {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ContextHandler context = new ContextHandler("/shop");
            context.setHandler(new WebAssets(request -> gcbUrl.get(), "demo/"));
            server.setHandler(context);
            server.start();
            return new DemoSite(server);
        } catch (Exception e) {
            throw new IllegalStateException("Demo site did not start", e);
        }
    }

    public String origin() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The URL of a demo page, e.g. page("checkout.html"). */
    public String page(String name) {
        return origin() + "/shop/demo/" + name;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
