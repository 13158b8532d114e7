package dev.postline.connectors.graphdouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The double's side of the webhook protocol, as Graph speaks it to a subscriber: the validation
 * handshake before a subscription exists ({@code POST <url>?validationToken=…}, to be echoed as
 * {@code text/plain} with 200 within 10 seconds), change notifications and lifecycle notifications
 * ({@code POST} of a {@code {"value":[…]}} collection, answered with a 2xx within 3 seconds). Graph does
 * not wait for slow subscribers, and neither does the double: a late answer counts as unreachable.
 * Every request and its answer is kept in {@link #sent()}.
 */
final class Subscribers {

    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(3);

    /** Why a validation handshake failed, in the words Graph uses in its 400 answer. */
    enum Validation {
        PASSED(null),
        TIMED_OUT("Subscription validation request timeout."),
        UNREACHABLE("Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request."),
        WRONG_ANSWER("Subscription validation request failed. Response must exactly match validationToken query parameter.");

        final String message;

        Validation(String message) {
            this.message = message;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<SentNotification> sent = new CopyOnWriteArrayList<>();

    /** Asks {@code url} to echo a fresh validation token, as Graph does before it creates a subscription. */
    Validation validate(URI url) {
        // Graph's tokens are readable text with spaces and colons, so a subscriber must decode the query.
        String token = "Validation: Testing client application reachability for subscription Request-Id: " + UUID.randomUUID();
        URI target = URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "validationToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(target).timeout(VALIDATION_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            sent.add(new SentNotification("validation", null, url, answer.statusCode()));
            boolean plain = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("text/plain");
            return answer.statusCode() == 200 && plain && answer.body().equals(token) ? Validation.PASSED : Validation.WRONG_ANSWER;
        } catch (HttpTimeoutException e) {
            sent.add(new SentNotification("validation", null, url, SentNotification.UNREACHABLE));
            return Validation.TIMED_OUT;
        } catch (IOException e) {
            sent.add(new SentNotification("validation", null, url, SentNotification.UNREACHABLE));
            return Validation.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Validation.UNREACHABLE;
        }
    }

    /** Posts one notification collection; returns the subscriber's status, or {@link SentNotification#UNREACHABLE}. */
    int post(String kind, String subscriptionId, URI url, ObjectNode collection) {
        byte[] body;
        try {
            body = GraphJson.MAPPER.writeValueAsBytes(collection);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(NOTIFICATION_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = SentNotification.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = SentNotification.UNREACHABLE;
        }
        sent.add(new SentNotification(kind, subscriptionId, url, status));
        return status;
    }

    void dropped(String kind, String subscriptionId, URI url) {
        sent.add(new SentNotification(kind, subscriptionId, url, SentNotification.DROPPED));
    }

    List<SentNotification> sent() {
        return List.copyOf(sent);
    }

    void close() {
        client.close();
    }
}
