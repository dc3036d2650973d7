package org.opencobrowse.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.eclipse.jetty.server.Request;

/**
 * The client address that limits are counted against: the socket's peer, or the first {@code X-Forwarded-For} hop
 * when {@code security.trustForwardedFor} is on (Jetty's forwarded-request customizer is installed only then, so a
 * client cannot forge it otherwise).
 */
public final class ClientAddresses {
    private ClientAddresses() {
    }

    public static String of(Request request) {
        String address = Request.getRemoteAddr(request);
        return address == null ? "unknown" : address;
    }

    /** The key an address is counted under: IPv4 as is, IPv6 by its /64 prefix. */
    static String group(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address.replace("[", "").replace("]", ""));
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
                }
                return prefix.append(":/64").toString();
            }
            return address;
        } catch (Exception e) {
            return address;
        }
    }
}
