package dev.postline.connectors.gmail;

import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.CredentialSource;
import java.io.IOException;
import java.time.Duration;

/**
 * How every HTTP request of the Gmail client is made: with a fresh access token from the core's credential
 * source, our timeouts, and none of the library's own recovery.
 *
 * <ul>
 *   <li><b>Token.</b> Asked for on every request (also each request of a media upload) and never kept: the
 *       core's token service owns refresh, single-flight across nodes. google-auth credentials would refresh
 *       on their own and hold the refresh token, which a connector must never see.</li>
 *   <li><b>No retries, no redirects.</b> The core owns retry policy and needs every failure classified:
 *       no unsuccessful-response or IOException handler (so media uploads cannot resume on their own either),
 *       no back-off, zero retries, and a 3xx is an answer, not something to follow.</li>
 *   <li><b>No request logging.</b> The library can log bodies at CONFIG level; bodies are customers' mail.</li>
 * </ul>
 */
final class BearerRequests implements HttpRequestInitializer {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final CredentialSource credentials;
    private final int connectMillis;
    private final int timeoutMillis;

    BearerRequests(CredentialSource credentials, Duration requestTimeout) {
        this.credentials = credentials;
        this.timeoutMillis = Math.toIntExact(requestTimeout.toMillis());
        this.connectMillis = Math.toIntExact(Math.min(requestTimeout.toMillis(), MAX_CONNECT_TIMEOUT.toMillis()));
    }

    /** The credential source refused a token; {@link GmailCalls} rethrows {@link #failure()} as it is. */
    static final class TokenUnavailable extends IOException {
        private final transient ConnectorException failure;

        TokenUnavailable(ConnectorException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        ConnectorException failure() {
            return failure;
        }
    }

    @Override
    public void initialize(HttpRequest request) throws IOException {
        try {
            request.getHeaders().setAuthorization("Bearer " + credentials.accessToken());
        } catch (ConnectorException e) {
            throw new TokenUnavailable(e);
        }
        request.setConnectTimeout(connectMillis).setReadTimeout(timeoutMillis).setWriteTimeout(timeoutMillis)
                .setNumberOfRetries(0).setUnsuccessfulResponseHandler(null).setIOExceptionHandler(null)
                .setBackOffPolicy(null).setFollowRedirects(false).setLoggingEnabled(false).setCurlLoggingEnabled(false);
    }
}
