package org.opencobrowse.assets;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;

/**
 * The SSRF guard of the asset proxy, as the HTTP client's name resolver: a host is resolved when a connection opens,
 * and the connection goes to the very addresses that were checked, so a name that resolves to a public address for a
 * first check and to 127.0.0.1 a moment later (DNS rebinding) never reaches the private one. Unless
 * {@code assets.allowPrivateAddresses}, a host with any loopback, private, link-local, carrier-grade NAT, unique-local,
 * multicast or unspecified address is refused with {@code asset_not_allowed}.
 */
final class AddressGuard implements SocketAddressResolver {
    private final boolean allowPrivate;
    private final Executor executor;

    AddressGuard(boolean allowPrivate, Executor executor) {
        this.allowPrivate = allowPrivate;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            try {
                promise.succeeded(check(host).stream().map(a -> new InetSocketAddress(a, port)).toList());
            } catch (RuntimeException e) {
                promise.failed(e);
            }
        });
    }

    /** The addresses of {@code host}, all allowed; throws {@code asset_not_allowed} or {@code asset_unavailable}. */
    List<InetAddress> check(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new CobrowseException(ErrorCode.ASSET_UNAVAILABLE, "The asset's host name does not resolve");
        }
        if (!allowPrivate && Arrays.stream(addresses).anyMatch(AddressGuard::isPrivate)) {
            throw new CobrowseException(ErrorCode.ASSET_NOT_ALLOWED,
                    "The asset's host has a private or loopback address");
        }
        return List.of(addresses);
    }

    /** Whether {@code address} is anything but a public unicast address. */
    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 127 || first >= 224 // this network, loopback, multicast and reserved
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            if (isMappedOrCompatibleIpv4(b)) {
                try {
                    return isPrivate(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return (first == 0x20 && (b[1] & 0xff) == 0x02) // 6to4 can wrap any IPv4 address
                    || (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0); // Teredo
        }
        return true;
    }

    /** ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address that must be judged as such. */
    private static boolean isMappedOrCompatibleIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }
}
