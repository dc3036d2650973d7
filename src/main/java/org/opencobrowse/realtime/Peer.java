package org.opencobrowse.realtime;

/**
 * Where a socket comes from, fixed at the upgrade.
 *
 * @param address         the client address limits count against
 * @param agentOrigin     whether the opening page may act as an agent (the node's own origin or
 *                        {@code security.agentOrigins}; also true without an Origin header: not a browser)
 * @param customerOrigin  whether the opening page may act as the customer ({@code cross-origin.allowedOrigins} or
 *                        the node's own origin; also true without an Origin header)
 */
public record Peer(String address, boolean agentOrigin, boolean customerOrigin) {
}
