package dev.postline.connectors.api;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What the core asks for when it creates a subscription. Providers deliver notifications one of two
 * ways, and a request names exactly one:
 * <ul>
 *   <li><b>to a webhook</b> (Microsoft Graph): {@code notificationUrl}, {@code lifecycleUrl} and
 *       {@code clientState} are set, {@code topic} is null;</li>
 *   <li><b>to a message topic</b> (Gmail: a Cloud Pub/Sub topic, whose push subscription the
 *       installation owns and authenticates): {@code topic} is set ({@link #toTopic}), the webhook fields
 *       are null — the provider never sees the installation's URL.</li>
 * </ul>
 * A session refuses a request of the other way with {@link FailureKind#PERMANENT}.
 *
 * @param notificationUrl where change notifications go (public HTTPS; the provider validates it first)
 * @param lifecycleUrl    where lifecycle events go (reauthorization required, subscription removed, missed)
 * @param clientState     a secret the provider sends back with every notification, so the core can tell
 *                        a genuine notification from a forged one; at most 128 characters
 * @param expiry          the expiry wished for; the session may shorten it to the provider's maximum
 * @param topic           the provider-side topic notifications are published to, e.g.
 *                        {@code projects/p/topics/gmail}; at most 255 characters
 */
public record SubscriptionRequest(URI notificationUrl, URI lifecycleUrl, String clientState, Instant expiry, String topic) {

    public static final int MAX_CLIENT_STATE_LENGTH = 128;
    public static final int MAX_TOPIC_LENGTH = 255;

    public SubscriptionRequest {
        Objects.requireNonNull(expiry, "expiry");
        if (topic == null) {
            Objects.requireNonNull(notificationUrl, "notificationUrl");
            Objects.requireNonNull(lifecycleUrl, "lifecycleUrl");
            Objects.requireNonNull(clientState, "clientState");
            if (clientState.isEmpty() || clientState.length() > MAX_CLIENT_STATE_LENGTH) {
                throw new IllegalArgumentException("clientState must have 1 to " + MAX_CLIENT_STATE_LENGTH + " characters");
            }
        } else {
            if (notificationUrl != null || lifecycleUrl != null || clientState != null) {
                throw new IllegalArgumentException("a subscription goes to a webhook or to a topic, not both");
            }
            if (topic.isBlank() || topic.length() > MAX_TOPIC_LENGTH) {
                throw new IllegalArgumentException("topic must have 1 to " + MAX_TOPIC_LENGTH + " characters");
            }
        }
    }

    /** A webhook subscription (Microsoft Graph). */
    public SubscriptionRequest(URI notificationUrl, URI lifecycleUrl, String clientState, Instant expiry) {
        this(notificationUrl, lifecycleUrl, clientState, expiry, null);
    }

    /** A subscription whose notifications the provider publishes to {@code topic} (Gmail → Cloud Pub/Sub). */
    public static SubscriptionRequest toTopic(String topic, Instant expiry) {
        return new SubscriptionRequest(null, null, null, expiry, Objects.requireNonNull(topic, "topic"));
    }

    /** Whether notifications go to a topic rather than to a webhook. */
    public boolean viaTopic() {
        return topic != null;
    }

    @Override
    public String toString() {
        return viaTopic() ? "SubscriptionRequest[topic=" + topic + ", expiry=" + expiry + "]"
                : "SubscriptionRequest[notificationUrl=" + notificationUrl + ", lifecycleUrl=" + lifecycleUrl
                        + ", clientState=<redacted>, expiry=" + expiry + "]";
    }
}
