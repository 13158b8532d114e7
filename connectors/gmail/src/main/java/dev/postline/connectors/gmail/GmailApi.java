package dev.postline.connectors.gmail;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.Profile;
import com.google.api.services.gmail.model.WatchRequest;
import com.google.api.services.gmail.model.WatchResponse;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import java.math.BigInteger;
import java.util.List;

/**
 * The Gmail API methods the connector uses, with their quota cost (Gmail usage limits page), on the
 * mailbox of the access token ({@code users/me}).
 */
final class GmailApi {

    private static final String ME = "me";

    private final GmailCalls calls;

    GmailApi(GmailCalls calls) {
        this.calls = calls;
    }

    /** users.getProfile: {@code emailAddress}, {@code historyId}. */
    Profile profile() throws ConnectorException {
        return calls.call("users.getProfile", 1, gmail -> gmail.users().getProfile(ME));
    }

    /** users.history.list of INBOX additions after {@code startHistoryId}; 404 when that id is too old. */
    ListHistoryResponse history(String startHistoryId, String pageToken, int maxResults) throws ConnectorException {
        return calls.call("users.history.list", 2, gmail -> gmail.users().history().list(ME)
                .setStartHistoryId(new BigInteger(startHistoryId)).setHistoryTypes(List.of("messageAdded"))
                .setLabelId("INBOX").setMaxResults((long) maxResults).setPageToken(pageToken));
    }

    /** users.messages.list, newest first. */
    ListMessagesResponse list(String query, String labelId, String pageToken, int maxResults) throws ConnectorException {
        return calls.call("users.messages.list", 5, gmail -> gmail.users().messages().list(ME)
                .setMaxResults((long) maxResults).setQ(query == null || query.isEmpty() ? null : query)
                .setLabelIds(labelId == null ? null : List.of(labelId)).setPageToken(pageToken));
    }

    /** users.messages.get format=RAW: the RFC 822 bytes; {@code NotFound} when the message is gone. */
    byte[] raw(String id) throws ConnectorException {
        Message message = calls.call("users.messages.get", 5, gmail -> gmail.users().messages().get(ME, id).setFormat("raw"));
        try {
            byte[] raw = message.decodeRaw();
            return raw == null ? new byte[0] : raw;
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(FailureKind.NETWORK, "users.messages.get returned undecodable raw data for " + id);
        }
    }

    /** users.messages.send with the message as base64url {@code raw} in JSON. */
    Message send(byte[] raw, String threadId) throws ConnectorException {
        return calls.call("users.messages.send", 100, gmail -> gmail.users().messages()
                .send(ME, new Message().encodeRaw(raw).setThreadId(threadId)));
    }

    /**
     * users.messages.send through the media upload endpoint, for messages too big to send base64-encoded in
     * JSON: one {@code uploadType=multipart} request (a JSON metadata part carrying the thread id, then the
     * message as {@code message/rfc822}). Not the library's default resumable upload: that takes an
     * initiation request plus one PUT per 10 MB chunk, and its point, resuming a broken upload, needs the
     * client-side retries this connector leaves to the core; after a failure the core sends again, and the
     * SENT check in {@link GmailSender} prevents a second copy.
     */
    Message upload(byte[] raw, String threadId) throws ConnectorException {
        return calls.call("users.messages.send (upload)", 100, gmail -> {
            Gmail.Users.Messages.Send send = gmail.users().messages()
                    .send(ME, new Message().setThreadId(threadId), new ByteArrayContent("message/rfc822", raw));
            send.getMediaHttpUploader().setDirectUploadEnabled(true);
            return send;
        });
    }

    /**
     * users.watch: publish a notification to {@code topicName} whenever a message gets label INBOX
     * ({@code labelIds=[INBOX]}, {@code labelFilterBehavior=include}); sets up or replaces the mailbox's watch.
     */
    WatchResponse watch(String topicName) throws ConnectorException {
        return calls.call("users.watch", 100, gmail -> gmail.users().watch(ME, new WatchRequest().setTopicName(topicName)
                .setLabelIds(List.of("INBOX")).setLabelFilterBehavior("include")));
    }

    /** users.stop: no more push notifications for the mailbox. */
    void stop() throws ConnectorException {
        calls.call("users.stop", 50, gmail -> gmail.users().stop(ME));
    }
}
