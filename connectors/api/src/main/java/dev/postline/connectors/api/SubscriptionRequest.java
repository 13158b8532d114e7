package dev.postline.connectors.api;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What the core asks for when it creates a subscription.
 *
 * @param notificationUrl where change notifications go (public HTTPS; the provider validates it first)
 * @param lifecycleUrl    where lifecycle events go (reauthorization required, subscription removed, missed)
 * @param clientState     a secret the provider sends back with every notification, so the core can tell
 *                        a genuine notification from a forged one; at most 128 characters
 * @param expiry          the expiry wished for; the session may shorten it to the provider's maximum
 */
public record SubscriptionRequest(URI notificationUrl, URI lifecycleUrl, String clientState, Instant expiry) {

    public static final int MAX_CLIENT_STATE_LENGTH = 128;

    public SubscriptionRequest {
        Objects.requireNonNull(notificationUrl, "notificationUrl");
        Objects.requireNonNull(lifecycleUrl, "lifecycleUrl");
        Objects.requireNonNull(clientState, "clientState");
        Objects.requireNonNull(expiry, "expiry");
        if (clientState.isEmpty() || clientState.length() > MAX_CLIENT_STATE_LENGTH) {
            throw new IllegalArgumentException("clientState must have 1 to " + MAX_CLIENT_STATE_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "SubscriptionRequest[notificationUrl=" + notificationUrl + ", lifecycleUrl=" + lifecycleUrl
                + ", clientState=<redacted>, expiry=" + expiry + "]";
    }
}
