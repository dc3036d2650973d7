package org.opencobrowse.fidelity;

import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.TestNode;

/**
 * The corpus site on its own origin, a node that allows it and proxies its loopback assets, and a customer and an
 * agent browser.
 */
public record CorpusStage(CorpusSite site, TestNode node, Browser customer, Browser agent) implements AutoCloseable {

    public static CorpusStage start(int customerWidth, int customerHeight) {
        String[] nodeUrl = new String[1];
        CorpusSite site = CorpusSite.start(() -> nodeUrl[0]);
        TestNode node = TestNode.start("--cross-origin.allowedOrigins=" + site.origin(),
                "--assets.allowedDomains=localhost", "--assets.allowPrivateAddresses=true"); // loopback test servers
        nodeUrl[0] = node.node().baseUri().toString();
        return new CorpusStage(site, node, Browser.start(customerWidth, customerHeight), Browser.start());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {customer, agent, node, site}) {
            c.close();
        }
    }
}
