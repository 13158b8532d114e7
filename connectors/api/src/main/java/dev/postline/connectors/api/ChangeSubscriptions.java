package dev.postline.connectors.api;

import java.time.Instant;
import java.util.Optional;

/**
 * Optional capability of a session whose provider can push change notifications: to a public HTTPS
 * endpoint (Microsoft Graph subscriptions) or to a message topic the installation receives from (Gmail's
 * {@code users.watch} to a Cloud Pub/Sub topic). The core creates one subscription per syncing touchpoint,
 * renews it before it expires, answers the provider's lifecycle events, and deletes it when the
 * touchpoint stops syncing.
 *
 * <p>A notification is only a hint: it wakes the touchpoint's {@link ConnectorSession#awaitChanges}
 * (see {@link ChangeHints}) and mail is still fetched through the cursor, so a lost, late, repeated or
 * forged notification costs latency or one extra fetch, never mail and never a duplicate.
 *
 * <p>Obligations of an implementation:
 * <ul>
 *   <li>Subscribe to new mail in the folder the session syncs, nothing wider.</li>
 *   <li>Shorten a requested expiry to what the provider allows and return the expiry the provider
 *       confirmed; never return a later one. (A provider that fixes the expiry itself, like Gmail's
 *       watch of about seven days, returns the one it confirmed.)</li>
 *   <li>Refuse a request of the delivery way it does not speak (webhook or topic, see
 *       {@link SubscriptionRequest}) with {@code PERMANENT}.</li>
 *   <li>Never put the client state in a message, a log line or an exception.</li>
 *   <li>Classify failures like any other call ({@code THROTTLED} with the provider's pause,
 *       {@code AUTH_REVOKED} for a refused grant; a refused notification endpoint is {@code PERMANENT}).</li>
 * </ul>
 * Like the rest of a session, these methods are called by one caller at a time.
 */
public interface ChangeSubscriptions {

    /**
     * Creates a subscription. The provider checks the endpoints before it answers (Graph: a validation
     * request to each URL that must be echoed within 10 seconds), so the endpoint must be up. The returned
     * id is what {@link #renew} and {@link #delete} take (Gmail, which gives a watch no id: the topic).
     */
    ChangeSubscription create(SubscriptionRequest request) throws ConnectorException;

    /**
     * Moves the subscription's expiry to {@code expiry} (shortened as for {@link #create}). Gmail renews by
     * watching again, which also recreates a watch that expired.
     *
     * @return empty when the provider no longer knows the subscription (expired or removed): the caller
     *     creates a new one
     */
    Optional<ChangeSubscription> renew(String subscriptionId, Instant expiry) throws ConnectorException;

    /**
     * Answers the provider's "reauthorization required" event so notifications keep flowing. The
     * default renews, which reauthorizes as well on Graph (one {@code PATCH}, as Microsoft advises
     * instead of a separate {@code reauthorize} call within ten minutes of a renewal).
     *
     * @return empty when the provider no longer knows the subscription
     */
    default Optional<ChangeSubscription> reauthorize(String subscriptionId, Instant expiry) throws ConnectorException {
        return renew(subscriptionId, expiry);
    }

    /** Deletes the subscription; a subscription the provider no longer knows counts as deleted. */
    void delete(String subscriptionId) throws ConnectorException;
}
