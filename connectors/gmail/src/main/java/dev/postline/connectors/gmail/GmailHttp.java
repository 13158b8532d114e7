package dev.postline.connectors.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * One Gmail API exchange at a time: spends quota units, authenticates with a fresh access token, and
 * classifies failures. A 401 asks the credential source once more (the core may have refreshed the
 * token meanwhile); a second 401 is {@code AUTH_REVOKED}. Nothing else is retried here: the core owns
 * retry policy.
 */
final class GmailHttp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final GmailSettings settings;
    private final CredentialSource credentials;
    private final HostPolicy hostPolicy;
    private final UnitBudget budget;
    private final Clock clock;
    private volatile HttpClient client;
    private boolean rootChecked;

    GmailHttp(GmailSettings settings, CredentialSource credentials, HostPolicy hostPolicy, UnitBudget budget, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.hostPolicy = hostPolicy;
        this.budget = budget;
        this.clock = clock;
    }

    /** A request to send with the given bearer token. */
    interface RequestBuilder extends Function<String, HttpRequest> {
    }

    /** {@code path} relative to the API root, e.g. {@code gmail/v1/users/me/profile?x=y}. */
    URI uri(String path) throws ConnectorException {
        checkRoot();
        return settings.apiRoot().resolve(path);
    }

    HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** Spends {@code units}, runs the request, and returns the JSON answer of a 2xx. */
    JsonNode exchange(String what, int units, RequestBuilder build) throws ConnectorException {
        HttpResponse<byte[]> response = send(what, units, build, credentials.accessToken());
        if (response.statusCode() == 401) {
            response = send(what, units, build, credentials.accessToken());
            if (response.statusCode() == 401) {
                throw new ConnectorException(FailureKind.AUTH_REVOKED,
                        "Gmail refused the access token twice (401); the grant may be revoked: re-authorize the mailbox");
            }
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw GmailErrors.classify(what, response.statusCode(), response.headers(), body, clock);
        }
        return body;
    }

    private HttpResponse<byte[]> send(String what, int units, RequestBuilder build, String token) throws ConnectorException {
        budget.spend(units, what);
        try {
            return client().send(build.apply(token), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ConnectorException(FailureKind.NETWORK, what + " timed out", e);
        } catch (IOException e) {
            throw new ConnectorException(FailureKind.NETWORK, what + " failed: connection to Gmail lost or refused", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.NETWORK, what + " interrupted", e);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance(); // e.g. an HTML error page from a proxy: the status decides
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

    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .version(settings.usesGoogle() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    @Override
    public void close() {
        HttpClient c = client;
        client = null;
        if (c != null) {
            c.shutdownNow();
        }
    }
}
