package dev.postline.connectors.gmail;

import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * One Gmail API call at a time through the Gmail client: spends quota units, and classifies failures. A
 * 401 asks the credential source once more (the core may have refreshed the token meanwhile); a second 401
 * is {@code AUTH_REVOKED}. Nothing else is retried here, and the client itself retries nothing
 * ({@link BearerRequests}): the core owns retry policy.
 */
final class GmailCalls implements AutoCloseable {

    /** Builds the request of one attempt; a retry builds it again, so it asks for a token again. */
    interface Call<T> {
        AbstractGoogleClientRequest<T> request(Gmail gmail) throws IOException;
    }

    private final GmailSettings settings;
    private final HostPolicy hostPolicy;
    private final UnitBudget budget;
    private final Clock clock;
    private final JdkHttpTransport transport;
    private final Gmail gmail;
    private volatile boolean rootChecked;
    private volatile boolean closed;

    /** {@code http}: the JDK client the factory shares among its sessions, so connections outlive a call. */
    GmailCalls(GmailSettings settings, CredentialSource credentials, HostPolicy hostPolicy, UnitBudget budget, Clock clock,
               HttpClient http) {
        this.settings = settings;
        this.hostPolicy = hostPolicy;
        this.budget = budget;
        this.clock = clock;
        this.transport = new JdkHttpTransport(http);
        this.gmail = new Gmail.Builder(transport, GsonFactory.getDefaultInstance(),
                new BearerRequests(credentials, settings.requestTimeout()))
                .setRootUrl(settings.apiRoot().toString()) // explicit, so no environment variable can move it
                .setApplicationName("Postline")
                .build();
    }

    /** Spends {@code units} per attempt and returns the parsed answer of a 2xx. */
    <T> T call(String what, int units, Call<T> call) throws ConnectorException {
        checkRoot();
        for (int attempt = 1; ; attempt++) {
            budget.spend(units, what);
            try {
                return call.request(gmail).execute();
            } catch (HttpResponseException e) {
                if (e.getStatusCode() != 401) {
                    throw GmailErrors.classify(what, e, clock);
                }
                if (attempt == 2) {
                    throw new ConnectorException(FailureKind.AUTH_REVOKED,
                            "Gmail refused the access token twice (401); the grant may be revoked: re-authorize the mailbox");
                }
            } catch (BearerRequests.TokenUnavailable e) {
                throw e.failure();
            } catch (SocketTimeoutException e) {
                throw new ConnectorException(FailureKind.NETWORK, what + " timed out", e);
            } catch (IOException e) {
                throw new ConnectorException(FailureKind.NETWORK, what + " failed: connection to Gmail lost or refused", e);
            } catch (IllegalArgumentException e) {
                // A 2xx whose JSON does not fit the API's types (e.g. from a proxy): the status cannot decide.
                throw new ConnectorException(FailureKind.NETWORK, what + " answered with something that is not the Gmail API's JSON", e);
            } catch (RuntimeException e) {
                if (closed) {
                    // A request cut from close() can surface as any exception.
                    throw new ConnectorException(FailureKind.NETWORK, what + " cut short: the session was closed", e);
                }
                throw e;
            } finally {
                transport.forget();
            }
        }
    }

    /**
     * Google's root is fixed by the platform. Any other root is a loopback test double and must pass the
     * host policy like a tenant-supplied host (so it only works where private networks are allowed).
     */
    private void checkRoot() throws ConnectorException {
        if (rootChecked || settings.usesGoogle()) {
            return;
        }
        URI root = settings.apiRoot();
        int port = root.getPort() > 0 ? root.getPort() : ("https".equals(root.getScheme()) ? 443 : 80);
        if (!hostPolicy.check(root.getHost(), port).address().isLoopbackAddress()) {
            throw new ConnectorException(FailureKind.PERMANENT, "host not allowed");
        }
        rootChecked = true;
    }

    /** Cuts a request in flight (its caller gets {@code NETWORK}); later calls open new connections. */
    @Override
    public void close() {
        closed = true;
        transport.cutAll();
    }
}
