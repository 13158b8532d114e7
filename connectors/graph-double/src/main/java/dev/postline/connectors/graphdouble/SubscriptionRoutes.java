package dev.postline.connectors.graphdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /subscriptions}, {@code PATCH /subscriptions/{id}} and {@code DELETE /subscriptions/{id}} for
 * an authenticated mailbox, as documented for Outlook messages: {@code changeType} of created, updated
 * and deleted; a mail resource ({@code me/mailFolders('inbox')/messages} or {@code me/messages}); an expiry
 * in the future and at most 4,230 minutes away; a {@code clientState} of at most 128 characters; and the
 * validation handshake with the notification URL and the lifecycle URL before the {@code 201}. A
 * subscription of another mailbox, or one that expired, is not found.
 *
 * <p>Graph requires https notification URLs; the double also accepts plain http to a loopback address,
 * because the servers under test listen without TLS.
 */
final class SubscriptionRoutes {

    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");
    private static final int MAX_CLIENT_STATE = 128;

    private final GraphDouble graph;

    SubscriptionRoutes(GraphDouble graph) {
        this.graph = graph;
    }

    Answer answer(GraphRequest req, GraphMailbox mailbox) {
        return switch (req.kind()) {
            case CREATE_SUBSCRIPTION -> create(req, mailbox);
            case UPDATE_SUBSCRIPTION -> renew(req, mailbox);
            case DELETE_SUBSCRIPTION -> graph.subscriptionBook().remove(mailbox.address(), req.segments().get(1))
                    ? new Answer(204, new java.util.LinkedHashMap<>(), new byte[0]) : notFound(req.segments().get(1));
            default -> throw new IllegalArgumentException(req.kind() + " is not a subscription request");
        };
    }

    private Answer create(GraphRequest req, GraphMailbox mailbox) {
        JsonNode body;
        try {
            body = GraphJson.MAPPER.readTree(req.body());
        } catch (IOException e) {
            return Answer.badRequest("BadRequest", "Unable to read JSON request payload.");
        }
        String changeType = body.path("changeType").asText("");
        if (changeType.isEmpty() || !Arrays.stream(changeType.split(",")).map(String::trim).allMatch(CHANGE_TYPES::contains)) {
            return invalid("The changeType '" + changeType + "' is not supported; use created, updated, deleted.");
        }
        String resource = body.path("resource").asText("");
        Optional<String> folder = watchedFolder(resource);
        if (folder.isEmpty()) {
            return Answer.badRequest("ExtensionError", "Operation: Create; Exception: [Status Code: BadRequest; Reason: "
                    + "The resource '" + resource + "' is not supported by this double]");
        }
        Optional<URI> notificationUrl = url(body.path("notificationUrl").asText(""));
        if (notificationUrl.isEmpty()) {
            return invalid("Subscription notification URL must be an https URL.");
        }
        String lifecycleText = body.path("lifecycleNotificationUrl").asText("");
        Optional<URI> lifecycleUrl = lifecycleText.isEmpty() ? Optional.empty() : url(lifecycleText);
        if (!lifecycleText.isEmpty() && lifecycleUrl.isEmpty()) {
            return invalid("Subscription lifecycle notification URL must be an https URL.");
        }
        String clientState = body.path("clientState").asText("");
        if (clientState.length() > MAX_CLIENT_STATE) {
            return invalid("The clientState must not be longer than " + MAX_CLIENT_STATE + " characters.");
        }
        Instant now = graph.subscriptionBook().now();
        Optional<Answer> badExpiry = checkExpiry(body.path("expirationDateTime").asText(""), now);
        if (badExpiry.isPresent()) {
            return badExpiry.get();
        }
        for (Optional<URI> url : java.util.List.of(notificationUrl, lifecycleUrl)) {
            if (url.isPresent()) {
                Subscribers.Validation validation = graph.subscriptionBook().subscribers().validate(url.get());
                if (validation != Subscribers.Validation.PASSED) {
                    return Answer.badRequest("ValidationError", validation.message);
                }
            }
        }
        GraphSubscription subscription = new GraphSubscription(UUID.randomUUID().toString(), mailbox.address(), resource,
                folder.get().isEmpty() ? null : folder.get(), changeType, notificationUrl.get(), lifecycleUrl.orElse(null),
                clientState, req.wantsImmutableIds(), now, expiry(body).orElseThrow());
        graph.subscriptionBook().add(subscription);
        return Answer.json(201, json(subscription, mailbox, req.base()));
    }

    private Answer renew(GraphRequest req, GraphMailbox mailbox) {
        String id = req.segments().get(1);
        Optional<GraphSubscription> found = graph.subscriptionBook().live(mailbox.address(), id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        JsonNode body;
        try {
            body = GraphJson.MAPPER.readTree(req.body());
        } catch (IOException e) {
            return Answer.badRequest("BadRequest", "Unable to read JSON request payload.");
        }
        Optional<Answer> badExpiry = checkExpiry(body.path("expirationDateTime").asText(""), graph.subscriptionBook().now());
        if (badExpiry.isPresent()) {
            return badExpiry.get();
        }
        found.get().renew(expiry(body).orElseThrow());
        return Answer.json(200, json(found.get(), mailbox, req.base()));
    }

    /** The folder a mail resource watches: {@code "inbox"}, or {@code ""} for all mail; empty if not a mail resource. */
    private static Optional<String> watchedFolder(String resource) {
        String r = resource.toLowerCase(Locale.ROOT);
        r = r.startsWith("/") ? r.substring(1) : r;
        if (r.equals("me/mailfolders('inbox')/messages") || r.equals("me/mailfolders/inbox/messages")) {
            return Optional.of(GraphMailbox.INBOX);
        }
        return r.equals("me/messages") ? Optional.of("") : Optional.empty();
    }

    private static Optional<URI> url(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            if (scheme.equals("https") || scheme.equals("http") && InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException | UnknownHostException e) {
            // refused below
        }
        return Optional.empty();
    }

    private static Optional<Answer> checkExpiry(String text, Instant now) {
        Optional<Instant> expiry = parse(text);
        if (expiry.isEmpty()) {
            return Optional.of(invalid("expirationDateTime is required and must be an ISO 8601 date and time."));
        }
        if (!expiry.get().isAfter(now)) {
            return Optional.of(invalid("Subscription expiration time must be in the future."));
        }
        if (expiry.get().isAfter(now.plus(Subscriptions.MAX_MAIL_LIFETIME))) {
            return Optional.of(invalid("Subscription expiration can only be " + Subscriptions.MAX_MAIL_LIFETIME.toMinutes()
                    + " minutes in the future."));
        }
        return Optional.empty();
    }

    private static Optional<Instant> expiry(JsonNode body) {
        return parse(body.path("expirationDateTime").asText(""));
    }

    private static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode json(GraphSubscription s, GraphMailbox mailbox, String base) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.context", base + "/$metadata#subscriptions/$entity");
        node.put("id", s.id());
        node.put("resource", s.resource());
        node.put("applicationId", "24d3b144-21ae-4080-943f-7067b395b913");
        node.put("changeType", s.changeType());
        node.put("clientState", s.clientState());
        node.put("notificationUrl", s.notificationUrl().toString());
        node.put("lifecycleNotificationUrl", s.lifecycleUrl().map(URI::toString).orElse(null));
        node.put("expirationDateTime", s.expiresAt().toString());
        node.put("creatorId", mailbox.userId());
        node.put("latestSupportedTlsVersion", "v1_2");
        node.put("notificationContentType", "application/json");
        return node;
    }

    private static Answer invalid(String message) {
        return Answer.badRequest("InvalidRequest", message);
    }

    private static Answer notFound(String id) {
        return Answer.fault(new Fault(404, "ResourceNotFound", "The object was not found. Subscription '" + id + "' does not exist.",
                Optional.empty()));
    }
}
