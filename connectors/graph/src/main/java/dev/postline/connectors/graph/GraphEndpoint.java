package dev.postline.connectors.graph;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.ResolvedHost;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The Graph service root a session talks to, and the rule for every URL it will call: the same scheme,
 * host and port as the root, so neither a stored cursor nor a link in a response can send the access
 * token anywhere else.
 *
 * <p>Microsoft's own roots are fixed by the platform, not by the tenant, and need no host check. Any
 * other root is a tenant-supplied host: it is accepted only where the host policy allows private
 * networks (self-hosted installations, tests), must pass {@link HostPolicy#check} (so its port must be
 * allowed), and plain http only to a loopback address.
 */
final class GraphEndpoint {

    static final Set<String> MICROSOFT_ROOTS = Set.of("https://graph.microsoft.com/v1.0",
            "https://graph.microsoft.us/v1.0", "https://dod-graph.microsoft.us/v1.0",
            "https://microsoftgraph.chinacloudapi.cn/v1.0");

    private final URI root;
    private final HostPolicy policy;
    private volatile boolean checked;

    GraphEndpoint(URI root, HostPolicy policy) {
        this.root = root;
        this.policy = policy;
    }

    /** The root after the host check, e.g. {@code https://graph.microsoft.com/v1.0}. */
    URI root() throws ConnectorException {
        if (!checked) {
            check();
            checked = true;
        }
        return root;
    }

    URI resolve(String pathAndQuery) throws ConnectorException {
        return URI.create(root() + pathAndQuery);
    }

    /** Whether {@code uri} is under this root (same scheme, host, port and path prefix). */
    boolean owns(URI uri) {
        return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(root.getScheme())
                && uri.getHost() != null && uri.getHost().equalsIgnoreCase(root.getHost())
                && port(uri) == port(root) && uri.getRawUserInfo() == null
                && uri.getRawPath() != null && uri.getRawPath().startsWith(root.getRawPath() + "/");
    }

    private void check() throws ConnectorException {
        if (MICROSOFT_ROOTS.contains(root.toString().toLowerCase(Locale.ROOT))) {
            return;
        }
        if (!policy.allowsPrivateNetworks()) {
            throw new ConnectorException(FailureKind.PERMANENT,
                    "Graph endpoint not allowed: only Microsoft's Graph endpoints can be used on this installation");
        }
        ResolvedHost host = policy.check(root.getHost(), port(root));
        if (root.getScheme().equalsIgnoreCase("http") && !host.address().isLoopbackAddress()) {
            throw new ConnectorException(FailureKind.PERMANENT, "Graph endpoint not allowed: plain http only to loopback");
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : Objects.equals(uri.getScheme().toLowerCase(Locale.ROOT), "https") ? 443 : 80;
    }

    /** Key of the mailbox's concurrency budget: the same mailbox on the same service. */
    String mailboxKey(String mailbox) {
        return root.getScheme().toLowerCase(Locale.ROOT) + "://" + root.getHost().toLowerCase(Locale.ROOT) + ":"
                + port(root) + "|" + mailbox.toLowerCase(Locale.ROOT);
    }
}
