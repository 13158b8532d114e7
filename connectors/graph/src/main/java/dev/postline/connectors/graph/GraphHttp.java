package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Every request of a session goes through here: the URL must be under the endpoint's root, the bearer
 * token comes fresh from the credential source, each request holds one of the mailbox's
 * {@link MailboxPermits}, a {@code 401} asks the credential source once more and retries once, and any
 * other failure is classified.
 */
final class GraphHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Ids that survive moves between folders, so a sent draft keeps its id in Sent Items. */
    static final String IMMUTABLE_IDS = "IdType=\"ImmutableId\"";

    private final HttpClient client;
    private final GraphEndpoint endpoint;
    private final CredentialSource credentials;
    private final GraphFailures failures;
    private final Semaphore permits;
    private final Duration timeout;

    GraphHttp(HttpClient client, GraphEndpoint endpoint, CredentialSource credentials, GraphFailures failures,
              Semaphore permits, Duration timeout) {
        this.client = client;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.failures = failures;
        this.permits = permits;
        this.timeout = timeout;
    }

    /** A request for {@code uri} with the immutable-id preference (and {@code extraPrefer}, if any). */
    HttpRequest.Builder request(URI uri, String extraPrefer) throws ConnectorException {
        endpoint.root(); // the host check, once per session, before the first request
        if (!endpoint.owns(uri)) {
            throw new ConnectorException(FailureKind.PERMANENT, "Microsoft Graph returned a link outside its service root");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Prefer", extraPrefer == null ? IMMUTABLE_IDS : IMMUTABLE_IDS + ", " + extraPrefer);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with loopback doubles
        }
        return builder;
    }

    JsonNode json(HttpRequest.Builder request, String doing) throws ConnectorException {
        return parse(send(request, doing, Set.of()).body(), doing);
    }

    static JsonNode parse(byte[] body, String doing) throws ConnectorException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ConnectorException(FailureKind.NETWORK, "Microsoft Graph sent an unreadable answer while " + doing, e);
        }
    }

    /**
     * Sends with a fresh token; answers with a status in {@code tolerated} are returned to the caller
     * instead of failing.
     */
    HttpResponse<byte[]> send(HttpRequest.Builder request, String doing, Set<Integer> tolerated) throws ConnectorException {
        HttpResponse<byte[]> response = once(request, doing);
        if (response.statusCode() == 401) {
            response = once(request, doing); // the token may have expired in flight: ask the core once more
        }
        int status = response.statusCode();
        if (status / 100 == 2 || tolerated.contains(status)) {
            return response;
        }
        throw failures.classify(response, doing);
    }

    private HttpResponse<byte[]> once(HttpRequest.Builder request, String doing) throws ConnectorException {
        HttpRequest authorized = request.copy().setHeader("Authorization", "Bearer " + credentials.accessToken()).build();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.NETWORK, "interrupted while " + doing, e);
        }
        try {
            return client.send(authorized, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ConnectorException(FailureKind.NETWORK, "Microsoft Graph did not answer in time while " + doing, e);
        } catch (IOException e) {
            // One message for refused, reset and unreachable: no port-scanner oracle.
            throw new ConnectorException(FailureKind.NETWORK, "could not reach Microsoft Graph while " + doing, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.NETWORK, "interrupted while " + doing, e);
        } finally {
            permits.release();
        }
    }
}
