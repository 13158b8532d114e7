package dev.postline.connectors.gmaildouble;

import java.net.URI;

/**
 * One Pub/Sub push the double made (or dropped) for a Gmail notification.
 *
 * @param status the push endpoint's HTTP status, {@link #DROPPED} when a test had it dropped, or
 *               {@link #UNREACHABLE}
 * @param authorized whether a bearer token was attached
 */
public record SentPush(String topic, String emailAddress, long historyId, URI url, int status, boolean authorized) {

    public static final int DROPPED = -1;
    public static final int UNREACHABLE = -2;
}
