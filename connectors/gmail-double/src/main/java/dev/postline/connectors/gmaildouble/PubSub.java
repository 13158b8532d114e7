package dev.postline.connectors.gmaildouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Cloud Pub/Sub side of Gmail push, as far as a subscriber sees it: topics a test creates (and on which
 * Gmail may publish, or not), one push subscription per topic that posts each message to an endpoint with an
 * OIDC token from a supplier the test gives, and the push request in Pub/Sub's shape:
 * <pre>{"message": {"data": base64({"emailAddress": …, "historyId": …}), "messageId": …, "publishTime": …,
 *  "attributes": {}}, "subscription": "projects/…/subscriptions/…"}</pre>
 * (with the snake_case duplicates {@code message_id}, {@code publish_time} Pub/Sub also sends). Pushes go out
 * asynchronously, one at a time per publish, and every one is recorded in {@link #sent()}. Faults: drop the next
 * n pushes, or push the next n with another token (or none). Not modelled: Pub/Sub's redelivery of a push that
 * was answered with a non-2xx.
 */
public final class PubSub {

    private static final Pattern TOPIC_NAME = Pattern.compile("projects/[^/]+/topics/[^/]+");
    static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

    /** Where a topic's messages are pushed, with the token supplier (empty = no Authorization header). */
    private record PushSubscription(String name, URI endpoint, Supplier<Optional<String>> token) {}

    private record Topic(boolean gmailMayPublish, PushSubscription push) {}

    private final Clock clock;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final List<SentPush> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong messageIds = new AtomicLong(4_000_000_000L);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Deque<Optional<Supplier<Optional<String>>>> nextPushes = new ArrayDeque<>();

    PubSub(Clock clock) {
        this.clock = clock;
    }

    /** Creates {@code topic} with publish rights for Gmail's push service account, without a subscription yet. */
    public PubSub createTopic(String topic) {
        return createTopic(topic, true);
    }

    /** Creates {@code topic}; {@code gmailMayPublish=false} is a topic whose IAM policy forgot Gmail (watch → 403). */
    public PubSub createTopic(String topic, boolean gmailMayPublish) {
        if (!TOPIC_NAME.matcher(topic).matches()) {
            throw new IllegalArgumentException("not a topic name: " + topic);
        }
        topics.put(topic, new Topic(gmailMayPublish, null));
        return this;
    }

    /**
     * A push subscription on {@code topic}: each message is posted to {@code endpoint} with
     * {@code Authorization: Bearer <token>} from {@code token} (empty: no header). Creates the topic if needed.
     */
    public PubSub pushTo(String topic, URI endpoint, Supplier<Optional<String>> token) {
        Topic existing = topics.get(topic);
        if (existing == null) {
            createTopic(topic);
            existing = topics.get(topic);
        }
        String project = topic.substring("projects/".length(), topic.indexOf("/topics/"));
        String name = "projects/" + project + "/subscriptions/" + topic.substring(topic.lastIndexOf('/') + 1) + "-push";
        topics.put(topic, new Topic(existing.gmailMayPublish(), new PushSubscription(name, endpoint, token)));
        return this;
    }

    /** The next {@code n} pushes are lost (recorded as {@link SentPush#DROPPED}). */
    public synchronized PubSub dropNextPushes(int n) {
        for (int i = 0; i < n; i++) {
            nextPushes.add(Optional.empty());
        }
        return this;
    }

    /** The next {@code n} pushes carry a token from {@code token} instead (empty: no Authorization header). */
    public synchronized PubSub nextPushesAuthorizedBy(Supplier<Optional<String>> token, int n) {
        for (int i = 0; i < n; i++) {
            nextPushes.add(Optional.of(token));
        }
        return this;
    }

    public List<SentPush> sent() {
        return List.copyOf(sent);
    }

    /** Why Gmail may not watch to {@code topic}, as users.watch answers it; empty when it may. */
    Optional<Fault> refusal(String topic) {
        if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
            return Optional.of(Fault.badRequest("Invalid topicName does not match projects/{project}/topics/*"));
        }
        Topic t = topics.get(topic);
        if (t == null) {
            return Optional.of(new Fault(404, "global", "notFound", "Resource not found (resource=" + topic + ").", null, null));
        }
        if (!t.gmailMayPublish()) {
            return Optional.of(new Fault(403, "global", "forbidden", "Error sending test message to Cloud PubSub " + topic
                    + " : User not authorized to perform this action.", null, null));
        }
        return Optional.empty();
    }

    /** Gmail publishes a mailbox change; pushed on a thread of its own, as Pub/Sub does. */
    void publish(String topic, String emailAddress, long historyId) {
        Topic t = topics.get(topic);
        if (t == null || t.push() == null) {
            return;
        }
        Optional<Supplier<Optional<String>>> override;
        synchronized (this) {
            override = nextPushes.poll();
        }
        PushSubscription push = t.push();
        if (override != null && override.isEmpty()) {
            sent.add(new SentPush(topic, emailAddress, historyId, push.endpoint(), SentPush.DROPPED, false));
            return;
        }
        Supplier<Optional<String>> token = override == null ? push.token() : override.get();
        Thread.ofVirtual().name("pubsub-push").start(() -> post(topic, push, token, emailAddress, historyId));
    }

    private void post(String topic, PushSubscription push, Supplier<Optional<String>> tokens, String emailAddress, long historyId) {
        Optional<String> token = tokens.get();
        HttpRequest.Builder request = HttpRequest.newBuilder(push.endpoint()).timeout(PUSH_TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope(push.name(), emailAddress, historyId)));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = SentPush.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = SentPush.UNREACHABLE;
        }
        sent.add(new SentPush(topic, emailAddress, historyId, push.endpoint(), status, token.isPresent()));
    }

    private byte[] envelope(String subscription, String emailAddress, long historyId) {
        ObjectNode data = HttpCall.object().put("emailAddress", emailAddress).put("historyId", historyId);
        String id = Long.toString(messageIds.incrementAndGet());
        String published = clock.instant().toString();
        ObjectNode root = HttpCall.object();
        ObjectNode message = root.putObject("message");
        message.putObject("attributes");
        message.put("data", Base64.getEncoder().encodeToString(data.toString().getBytes(StandardCharsets.UTF_8)));
        message.put("messageId", id).put("message_id", id).put("publishTime", published).put("publish_time", published);
        root.put("subscription", subscription);
        try {
            return HttpCall.JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void close() {
        client.close();
    }
}
