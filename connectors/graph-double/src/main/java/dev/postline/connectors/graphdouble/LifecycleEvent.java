package dev.postline.connectors.graphdouble;

/** The lifecycle notifications Graph sends to a subscription's {@code lifecycleNotificationUrl}. */
public enum LifecycleEvent {
    /** The access behind the subscription is about to expire or was revoked: renew or reauthorize it. */
    REAUTHORIZATION_REQUIRED("reauthorizationRequired"),
    /** Graph dropped the subscription: create a new one. */
    SUBSCRIPTION_REMOVED("subscriptionRemoved"),
    /** Some change notifications were not delivered: fetch the changes another way (delta). */
    MISSED("missed");

    private final String wireName;

    LifecycleEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code lifecycleEvent} in the notification. */
    public String wireName() {
        return wireName;
    }
}
