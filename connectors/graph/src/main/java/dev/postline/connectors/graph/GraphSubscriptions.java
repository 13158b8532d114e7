package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postline.connectors.api.ChangeSubscription;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.SubscriptionRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Change-notification subscriptions on the inbox ({@code POST/PATCH/DELETE /subscriptions}): new mail
 * only ({@code changeType=created}) on {@code me/mailFolders('inbox')/messages}, the folder the delta
 * sync reads, with a lifecycle URL so Graph can ask for reauthorization, report a removed subscription
 * or missed notifications.
 *
 * <p>Outlook message subscriptions live at most 4,230 minutes; a longer wish is shortened, with a few
 * minutes to spare for clock skew between this host and Graph (Graph refuses an expiry past its
 * maximum with a 400). Answering {@code reauthorizationRequired} is a renewal: one {@code PATCH} with a
 * new expiry reauthorizes as well, and Microsoft advises against a separate {@code reauthorize} call
 * within ten minutes of a renewal.
 *
 * <p>Errors are classified by {@link GraphFailures} like every other request (429/503 → THROTTLED with
 * Retry-After, 401 twice → AUTH_REVOKED); a refused validation handshake is Graph's 400 → PERMANENT. A
 * {@code 404} on renewal or deletion means Graph no longer has the subscription (it expired or was
 * removed).
 */
final class GraphSubscriptions {

    static final String RESOURCE = "me/mailFolders('inbox')/messages";
    static final Duration MAX_LIFETIME = Duration.ofMinutes(4230);
    static final Duration CLOCK_SKEW_MARGIN = Duration.ofMinutes(5);

    private final GraphHttp http;
    private final GraphEndpoint endpoint;
    private final Clock clock;

    GraphSubscriptions(GraphHttp http, GraphEndpoint endpoint, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    ChangeSubscription create(SubscriptionRequest request) throws ConnectorException {
        if (request.viaTopic()) {
            throw new ConnectorException(FailureKind.PERMANENT, "Microsoft Graph posts change notifications to a URL, not to a topic");
        }
        ObjectNode body = GraphHttp.JSON.createObjectNode();
        body.put("changeType", "created");
        body.put("notificationUrl", request.notificationUrl().toString());
        body.put("lifecycleNotificationUrl", request.lifecycleUrl().toString());
        body.put("resource", RESOURCE);
        body.put("expirationDateTime", allowed(request.expiry()).toString());
        body.put("clientState", request.clientState());
        body.put("latestSupportedTlsVersion", "v1_2");
        JsonNode created = http.json(jsonRequest("/subscriptions", "POST", body), "creating the change subscription");
        return read(created, "creating the change subscription");
    }

    Optional<ChangeSubscription> renew(String id, Instant expiry) throws ConnectorException {
        ObjectNode body = GraphHttp.JSON.createObjectNode();
        body.put("expirationDateTime", allowed(expiry).toString());
        HttpResponse<byte[]> answer = http.send(jsonRequest("/subscriptions/" + GraphSender.encode(id), "PATCH", body),
                "renewing the change subscription", Set.of(404));
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(GraphHttp.parse(answer.body(), "renewing the change subscription"), "renewing the change subscription"));
    }

    void delete(String id) throws ConnectorException {
        http.send(http.request(endpoint.resolve("/subscriptions/" + GraphSender.encode(id)), null).DELETE(),
                "deleting the change subscription", Set.of(404));
    }

    /** The wished expiry, or the latest Graph accepts now if that is earlier. */
    private Instant allowed(Instant wished) {
        Instant latest = clock.instant().plus(MAX_LIFETIME).minus(CLOCK_SKEW_MARGIN);
        return wished.isAfter(latest) ? latest : wished;
    }

    private HttpRequest.Builder jsonRequest(String path, String method, ObjectNode body) throws ConnectorException {
        return http.request(endpoint.resolve(path), null).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private static ChangeSubscription read(JsonNode subscription, String doing) throws ConnectorException {
        String id = subscription.path("id").asText("");
        try {
            Instant expiresAt = OffsetDateTime.parse(subscription.path("expirationDateTime").asText("")).toInstant();
            if (!id.isBlank()) {
                return new ChangeSubscription(id, expiresAt);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ConnectorException(FailureKind.NETWORK, "Microsoft Graph sent a subscription without id or expiry while " + doing);
    }
}
