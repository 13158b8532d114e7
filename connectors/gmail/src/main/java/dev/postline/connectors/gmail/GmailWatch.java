package dev.postline.connectors.gmail;

import com.google.api.services.gmail.model.WatchResponse;
import dev.postline.connectors.api.ChangeSubscription;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.SubscriptionRequest;
import java.time.Instant;

/**
 * Gmail push as a {@link dev.postline.connectors.api.ChangeSubscriptions} subscription: {@code users.watch}
 * on the INBOX to a Cloud Pub/Sub topic, {@code users.stop} to end it.
 *
 * <p>Gmail gives a watch no id: a mailbox has one watch, and watching again replaces it. So the subscription
 * id is the topic, and renewing is watching again — the way Google asks to renew (daily is recommended; a
 * watch lapses after about seven days, and watching again also brings back one that lapsed). Gmail fixes the
 * expiration itself, so a wished expiry is not sent; the one Gmail answers is returned.
 *
 * <p>Failures are classified like every other call ({@link GmailErrors}): a topic that does not exist (404), an
 * invalid topic name (400) or a topic Gmail may not publish to (403 {@code forbidden}, which elsewhere means a
 * refused grant) is {@code PERMANENT} — an
 * installation problem the poll outlives; {@code 429}/{@code rateLimitExceeded} are {@code THROTTLED}; a refused
 * token twice is {@code AUTH_REVOKED}. Stopping a mailbox that has no watch counts as stopped.
 */
final class GmailWatch {

    private final GmailApi api;

    GmailWatch(GmailApi api) {
        this.api = api;
    }

    ChangeSubscription watch(SubscriptionRequest request) throws ConnectorException {
        if (!request.viaTopic()) {
            throw new ConnectorException(FailureKind.PERMANENT,
                    "Gmail publishes push notifications to a Cloud Pub/Sub topic, not to a URL");
        }
        return watch(request.topic());
    }

    ChangeSubscription watch(String topic) throws ConnectorException {
        WatchResponse answer;
        try {
            answer = api.watch(topic);
        } catch (GmailErrors.NotFound e) {
            throw new ConnectorException(FailureKind.PERMANENT, reason(e) + " (does the Pub/Sub topic exist?)");
        } catch (ConnectorException e) {
            if (e.kind() == FailureKind.AUTH_REVOKED && reason(e).startsWith("users.watch answered 403")) {
                // Gmail's 403 "forbidden" here is about the topic (Gmail may not publish to it), not the grant.
                throw new ConnectorException(FailureKind.PERMANENT, reason(e).replace(" (re-authorize the mailbox)", "")
                        + " (grant gmail-api-push@system.gserviceaccount.com the Pub/Sub Publisher role on the topic)");
            }
            throw e;
        }
        if (answer.getExpiration() == null) {
            throw new ConnectorException(FailureKind.NETWORK, "users.watch answered without an expiration");
        }
        return new ChangeSubscription(topic, Instant.ofEpochMilli(answer.getExpiration()));
    }

    void stop() throws ConnectorException {
        try {
            api.stop();
        } catch (GmailErrors.NotFound e) {
            // no watch to stop
        }
    }

    /** The exception's reason without the kind its message starts with. */
    private static String reason(ConnectorException e) {
        String prefix = e.kind() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
