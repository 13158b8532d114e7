package dev.postline.connectors.graphdouble;

import java.net.URI;

/**
 * One outgoing request of the double to a subscriber: a validation handshake, a change notification
 * or a lifecycle notification, with the subscriber's answer.
 *
 * @param kind           {@code validation}, {@code created} or a lifecycle event's wire name
 * @param subscriptionId the subscription it was about ({@code null} for a validation before creation)
 * @param url            where it went
 * @param status         the subscriber's HTTP status; {@value #UNREACHABLE} when it could not be reached or
 *                       timed out, {@value #DROPPED} when a fault dropped it on purpose
 */
public record SentNotification(String kind, String subscriptionId, URI url, int status) {

    public static final int UNREACHABLE = -1;
    public static final int DROPPED = 0;
}
