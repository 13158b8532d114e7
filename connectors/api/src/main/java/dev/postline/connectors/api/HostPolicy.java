package dev.postline.connectors.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a tenant-supplied host and port may be connected to. Configured once by the core
 * and shared by all sessions (immutable, thread-safe).
 *
 * <p>The host is resolved exactly once; every address must pass the deny list (loopback, RFC 1918,
 * link-local incl. 169.254.169.254, CGNAT, unspecified, multicast/reserved, IPv6 loopback/ULA/
 * link-local and IPv4-mapped/compatible/6to4/NAT64 forms of denied IPv4 addresses). IP literals are
 * read as a C resolver would ({@code 0177.0.0.1}, {@code 0x7f000001}, {@code 127.1}, {@code 2130706433}).
 * Only mail ports pass (143, 993, 25, 465, 587, 2525 plus configured extras).
 *
 * <p>Refusals say only "host not allowed" or "port not allowed": the reason, the resolved address
 * and the list are not revealed, so "test connection" cannot be used to map the internal network.
 * {@link Builder#allowPrivateNetworks} switches the deny list off for self-hosted installations
 * (ports are still checked); tests use it for 127.0.0.1.
 */
public final class HostPolicy {

    /** Ports mail servers listen on. */
    public static final Set<Integer> MAIL_PORTS = Set.of(25, 143, 465, 587, 993, 2525);

    private final boolean allowPrivateNetworks;
    private final Set<Integer> allowedPorts;
    private final HostResolver resolver;

    private HostPolicy(Builder b) {
        this.allowPrivateNetworks = b.allowPrivateNetworks;
        Set<Integer> ports = new HashSet<>(MAIL_PORTS);
        ports.addAll(b.extraPorts);
        this.allowedPorts = Set.copyOf(ports);
        this.resolver = b.resolver;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The production default: deny list on, mail ports only, system resolver. */
    public static HostPolicy strict() {
        return builder().build();
    }

    /**
     * Resolves {@code host} once and checks every address and the port.
     *
     * @return the address to connect to, with the name to verify TLS against
     * @throws ConnectorException {@code PERMANENT} "host not allowed" / "port not allowed" (causes
     *                            {@code HOST_NOT_ALLOWED} / {@code PORT_NOT_ALLOWED}); {@code NETWORK}
     *                            {@code NAME_NOT_RESOLVED} when the name does not resolve (DNS may recover)
     */
    public ResolvedHost check(String host, int port) throws ConnectorException {
        if (!allowedPorts.contains(port)) {
            throw new ConnectorException(FailureKind.PERMANENT, FailureCause.PORT_NOT_ALLOWED, "port not allowed", null);
        }
        if (host == null || host.isBlank() || host.length() > 253) {
            throw new ConnectorException(FailureKind.PERMANENT, FailureCause.HOST_NOT_ALLOWED, "host not allowed", null);
        }
        String trimmed = host.trim();
        IpLiterals.Parsed parsed = IpLiterals.parse(trimmed);
        List<InetAddress> addresses = switch (parsed) {
            case IpLiterals.Literal literal -> List.of(literal.address());
            case IpLiterals.Ambiguous ignored ->
                    throw new ConnectorException(FailureKind.PERMANENT, FailureCause.HOST_NOT_ALLOWED, "host not allowed", null);
            case IpLiterals.Name name -> resolve(name.name());
        };
        if (addresses.isEmpty()) {
            throw new ConnectorException(FailureKind.NETWORK, FailureCause.NAME_NOT_RESOLVED, "host could not be resolved", null);
        }
        // Every address, not just the first: a name with one public and one internal address is refused.
        if (!allowPrivateNetworks && addresses.stream().anyMatch(DeniedAddresses::isDenied)) {
            throw new ConnectorException(FailureKind.PERMANENT, FailureCause.HOST_NOT_ALLOWED, "host not allowed", null);
        }
        InetAddress chosen = addresses.getFirst();
        String tlsName = parsed instanceof IpLiterals.Name name ? name.name() : chosen.getHostAddress();
        return new ResolvedHost(tlsName, chosen, port);
    }

    private List<InetAddress> resolve(String name) throws ConnectorException {
        try {
            return List.copyOf(resolver.resolve(name));
        } catch (UnknownHostException | SecurityException e) {
            throw new ConnectorException(FailureKind.NETWORK, FailureCause.NAME_NOT_RESOLVED, "host could not be resolved", null);
        }
    }

    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    public Set<Integer> allowedPorts() {
        return allowedPorts;
    }

    public static final class Builder {
        private boolean allowPrivateNetworks;
        private final Set<Integer> extraPorts = new HashSet<>();
        private HostResolver resolver = HostResolver.system();

        /** Turns the deny list off (self-hosted mail on a private network). Ports are still checked. */
        public Builder allowPrivateNetworks(boolean allow) {
            this.allowPrivateNetworks = allow;
            return this;
        }

        public Builder allowPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535");
            }
            extraPorts.add(port);
            return this;
        }

        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public HostPolicy build() {
            return new HostPolicy(this);
        }
    }
}
