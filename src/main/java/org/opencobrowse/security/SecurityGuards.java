package org.opencobrowse.security;

import java.util.List;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.store.LookupFailures;

/**
 * The node's access checks in one place, shared by the REST routes and the realtime channel.
 *
 * @param agents             checks agent and controller credentials ({@code security.agentAuth})
 * @param lookups            refuses addresses that guess session codes ({@code limits.failedLookups})
 * @param connections        caps open sockets per address ({@code limits.connectionsPerAddress})
 * @param customerOrigins    pages that may call the REST API and open customer sockets
 *                           ({@code cross-origin.allowedOrigins} + the node's own origin)
 * @param agentOrigins       pages that may open agent sockets (the node's own origin + {@code security.agentOrigins})
 * @param domFramesPerSecond DOM frames a customer socket may send per second on average ({@code limits.eventsPerSecond})
 */
public record SecurityGuards(AgentAuthenticator agents, FailedLookupLimiter lookups, ConnectionLimiter connections,
                             OriginPolicy customerOrigins, OriginPolicy agentOrigins, int domFramesPerSecond) {

    /**
     * @param ownUrls        the URLs that count as the node's own origin ({@code cluster.serverUrl}, {@code cluster.url})
     * @param lookupFailures where failed lookups are counted (the backend's: shared by the cluster on Redis)
     */
    public static SecurityGuards of(CobrowseConfig config, List<String> ownUrls, LookupFailures lookupFailures) {
        var limits = config.security().limits();
        return new SecurityGuards(AgentAuthenticator.of(config.security()),
                new FailedLookupLimiter(limits.failedLookups(), limits.lockout(), lookupFailures),
                new ConnectionLimiter(limits.connectionsPerAddress()),
                new OriginPolicy(config.allowedOrigins(), ownUrls),
                new OriginPolicy(config.security().agentOrigins(), ownUrls),
                limits.eventsPerSecond());
    }
}
