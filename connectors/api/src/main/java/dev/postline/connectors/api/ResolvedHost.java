package dev.postline.connectors.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A host that passed {@link HostPolicy}. Connect to {@link #address()} (never re-resolve
 * {@link #hostname()}, or a DNS answer could change between check and use), and verify the TLS
 * certificate against {@link #hostname()}.
 */
public record ResolvedHost(String hostname, InetAddress address, int port) {

    public ResolvedHost {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(address, "address");
    }

    /** The checked address as a literal, suitable for libraries that take a host string. */
    public String addressLiteral() {
        return address.getHostAddress();
    }
}
