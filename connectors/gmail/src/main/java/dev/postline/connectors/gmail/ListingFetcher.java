package dev.postline.connectors.gmail;

import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.GmailCursor;
import dev.postline.connectors.api.UnfetchableItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The full-sync phase (first import, or the bounded resync after a history 404): INBOX messages received
 * after the listing's bound, from {@code users.messages.list} (deduplicated by id), handed out oldest
 * first. The position is the last id handed out; if that message has disappeared meanwhile, the listing
 * restarts from the beginning: repeats, which the core deduplicates, never gaps. When the listing is
 * done the cursor becomes the history id taken before it began, so nothing that arrived during the
 * listing is missed.
 *
 * <p>The id list is kept for the session so that a long import lists the window once, not per batch.
 */
final class ListingFetcher {

    private static final int PAGE = 500;
    /** A guard against a provider that keeps answering with page tokens. */
    private static final int MAX_PAGES = 10_000;

    private final GmailApi api;
    private String cachedFor;
    private List<String> cachedIds;

    ListingFetcher(GmailApi api) {
        this.api = api;
    }

    /** {@code alone}: a message whose download fails with a server error is reported as unfetchable. */
    FetchBatch fetch(GmailCursor since, int maxMessages, boolean alone) throws ConnectorException {
        GmailCursor.Listing listing = since.listing();
        List<String> ids = oldestFirst(since.historyId(), listing.afterEpochSecond());
        int from = listing.lastDoneId().isEmpty() ? 0 : ids.indexOf(listing.lastDoneId()) + 1;
        GmailCursor finished = new GmailCursor(since.historyId());
        List<FetchedMessage> messages = new ArrayList<>();
        int i = from;
        for (; i < ids.size() && messages.size() < maxMessages; i++) {
            byte[] raw;
            try {
                raw = api.raw(ids.get(i));
            } catch (GmailErrors.NotFound gone) {
                continue; // deleted since it was listed
            } catch (ConnectorException e) {
                if (e.kind() == FailureKind.THROTTLED && !messages.isEmpty()) {
                    break; // hand out what we have; the next fetch waits for quota
                }
                if (alone && messages.isEmpty() && (e.kind() == FailureKind.NETWORK || e.kind() == FailureKind.PERMANENT)) {
                    return FetchBatch.stoppedAt(i == from ? since : at(since, ids.get(i - 1)),
                            new UnfetchableItem(ids.get(i), e.reason(), i == ids.size() - 1 ? finished : at(since, ids.get(i))));
                }
                throw e;
            }
            messages.add(new FetchedMessage(ids.get(i), raw, i == ids.size() - 1 ? finished : at(since, ids.get(i))));
        }
        GmailCursor next = i >= ids.size() ? finished : i == from ? since : at(since, ids.get(i - 1));
        // Always "more": after the listing, the history phase may already hold mail that arrived meanwhile.
        return new FetchBatch(messages, next, true, OptionalLong.of(ids.size() - (long) i));
    }

    private static GmailCursor at(GmailCursor since, String id) {
        return new GmailCursor(since.historyId(), new GmailCursor.Listing(since.listing().afterEpochSecond(), id));
    }

    private List<String> oldestFirst(String historyId, long afterEpochSecond) throws ConnectorException {
        String key = historyId + ":" + afterEpochSecond;
        if (key.equals(cachedFor)) {
            return cachedIds;
        }
        // One second earlier than asked: the bound may be inclusive or exclusive; a repeat is harmless.
        String query = afterEpochSecond > 0 ? "after:" + (afterEpochSecond - 1) : "";
        Set<String> newestFirst = new LinkedHashSet<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ListMessagesResponse answer = api.list(query, "INBOX", pageToken, PAGE);
            if (answer.getMessages() != null) {
                answer.getMessages().stream().map(Message::getId).filter(id -> id != null).forEach(newestFirst::add);
            }
            pageToken = answer.getNextPageToken();
            if (pageToken == null) {
                break;
            }
        }
        List<String> ids = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(ids);
        cachedFor = key;
        cachedIds = List.copyOf(ids);
        return cachedIds;
    }
}
