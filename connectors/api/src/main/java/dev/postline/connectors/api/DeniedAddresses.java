package dev.postline.connectors.api;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The deny list for tenant-supplied hosts: every range that reaches the platform's own network or
 * is not a public unicast address, including IPv6 forms that embed such an IPv4 address.
 */
final class DeniedAddresses {

    /** {prefix, length} pairs, IPv4. */
    private static final int[][] IPV4 = {
            {0x00000000, 8},   // "this network", incl. 0.0.0.0 unspecified
            {0x0A000000, 8},   // RFC 1918
            {0x64400000, 10},  // CGNAT 100.64/10
            {0x7F000000, 8},   // loopback
            {0xA9FE0000, 16},  // link-local incl. 169.254.169.254 metadata
            {0xAC100000, 12},  // RFC 1918
            {0xC0000000, 24},  // IETF protocol assignments
            {0xC0000200, 24},  // documentation
            {0xC0A80000, 16},  // RFC 1918
            {0xC6120000, 15},  // benchmarking
            {0xC6336400, 24},  // documentation
            {0xCB007100, 24},  // documentation
            {0xE0000000, 4},   // multicast
            {0xF0000000, 4},   // reserved, incl. broadcast
    };

    private DeniedAddresses() {
    }

    static boolean isDenied(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? ipv4Denied(toInt(b, 0)) : ipv6Denied(b);
    }

    private static boolean ipv4Denied(int ip) {
        for (int[] range : IPV4) {
            int mask = -1 << (32 - range[1]);
            if ((ip & mask) == range[0]) {
                return true;
            }
        }
        return false;
    }

    private static boolean ipv6Denied(byte[] b) {
        int w0 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int w1 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (zeros(b, 0, 12)) {
            return true;                                    // ::, ::1 and deprecated IPv4-compatible ::a.b.c.d
        }
        if (zeros(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return ipv4Denied(toInt(b, 12));                // IPv4-mapped ::ffff:a.b.c.d
        }
        if (w0 == 0x0064 && w1 == 0xFF9B) {
            return !zeros(b, 4, 8) || ipv4Denied(toInt(b, 12)); // NAT64 64:ff9b::/96; 64:ff9b:1::/48 is local
        }
        if (w0 == 0x2002) {
            return ipv4Denied(toInt(b, 2));                 // 6to4 2002:aabb:ccdd::
        }
        if (w0 == 0x2001 && (w1 == 0x0000 || w1 == 0x0DB8)) {
            return true;                                    // Teredo (embedded address obfuscated), documentation
        }
        if (w0 == 0x0100 && zeros(b, 2, 6)) {
            return true;                                    // discard-only 100::/64
        }
        return (w0 & 0xFE00) == 0xFC00                      // unique local fc00::/7
                || (w0 & 0xFFC0) == 0xFE80                  // link-local fe80::/10
                || (w0 & 0xFFC0) == 0xFEC0                  // site-local fec0::/10 (deprecated)
                || (w0 & 0xFF00) == 0xFF00;                 // multicast
    }

    private static boolean zeros(byte[] b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }
}
