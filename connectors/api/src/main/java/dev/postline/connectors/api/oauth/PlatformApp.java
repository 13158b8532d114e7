package dev.postline.connectors.api.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * The platform's OAuth app registration at one provider, as a token client needs it. Prints without
 * its secret.
 *
 * @param authority the authority the library talks to, e.g. {@code https://login.microsoftonline.com/organizations};
 *     a library discovers the token endpoint from it
 * @param tokenUri the token endpoint, for clients that post to it directly
 * @param timeout connect and read timeout of one request
 * @param tlsTrust the trust for the authority's certificate when it is not the JVM's trust store:
 *     only tests set it (a local authorization server's self-signed certificate); empty in production
 */
public record PlatformApp(String clientId, String clientSecret, URI authority, URI tokenUri, Duration timeout,
                          Optional<SSLSocketFactory> tlsTrust) {

    public PlatformApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(tokenUri, "tokenUri");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tlsTrust, "tlsTrust");
    }

    @Override
    public String toString() {
        return "PlatformApp[clientId=" + clientId + ", authority=" + authority + ", secret <redacted>]";
    }
}
