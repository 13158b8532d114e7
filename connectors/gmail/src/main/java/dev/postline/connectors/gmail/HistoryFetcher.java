package dev.postline.connectors.gmail;

import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.HistoryMessageAdded;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.Message;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.GmailCursor;
import dev.postline.connectors.api.UnfetchableItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The history phase: INBOX additions after the cursor's history id ({@code users.history.list},
 * {@code messageAdded}, label {@code INBOX}), each fetched raw.
 *
 * <p>Each message's cursor is the id of its history record, or the previous record's when more messages of
 * the same record follow (Gmail writes one per record in practice; a record cut by the batch limit is
 * repeated next time and deduplicated by the core). A message deleted before it could be fetched is
 * skipped: it is no longer in the mailbox to lose. Fetching {@code alone}, a message whose download fails
 * with a server error (history listing worked, so Gmail answers) is reported as unfetchable instead of
 * failing the fetch.
 */
final class HistoryFetcher {

    private static final int MAX_PAGE = 500;

    private final GmailApi api;

    HistoryFetcher(GmailApi api) {
        this.api = api;
    }

    /** The history page after {@code historyId}; a 404 means the id is too old. */
    ListHistoryResponse page(String historyId, int maxResults) throws ConnectorException {
        try {
            return api.history(historyId, null, Math.min(MAX_PAGE, Math.max(1, maxResults)));
        } catch (GmailErrors.NotFound e) {
            throw new ConnectorException(FailureKind.CURSOR_INVALID,
                    "Gmail no longer has history from " + historyId + "; the mailbox must be resynced");
        }
    }

    FetchBatch fetch(GmailCursor since, int maxMessages, boolean alone) throws ConnectorException {
        ListHistoryResponse page = page(since.historyId(), maxMessages);
        List<History> records = Objects.requireNonNullElse(page.getHistory(), List.of());
        if (records.isEmpty()) {
            // Nothing for us since the cursor: move to the mailbox's current id so a quiet inbox in a busy
            // account does not let its cursor age out of Gmail's history.
            String current = page.getHistoryId() == null ? since.historyId() : page.getHistoryId().toString();
            return new FetchBatch(List.of(), newer(since.historyId(), current), false);
        }
        List<FetchedMessage> messages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String done = since.historyId();
        boolean stopped = false;
        outer:
        for (History record : records) {
            List<String> ids = inboxAdditions(record, seen);
            for (int i = 0; i < ids.size(); i++) {
                if (messages.size() == maxMessages) {
                    stopped = true;
                    break outer;
                }
                byte[] raw;
                try {
                    raw = api.raw(ids.get(i));
                } catch (GmailErrors.NotFound gone) {
                    continue;
                } catch (ConnectorException e) {
                    if (e.kind() == FailureKind.THROTTLED && !messages.isEmpty()) {
                        stopped = true; // hand out what we have; the next fetch waits for quota
                        break outer;
                    }
                    if (alone && messages.isEmpty() && (e.kind() == FailureKind.NETWORK || e.kind() == FailureKind.PERMANENT)) {
                        String past = i == ids.size() - 1 ? id(record) : done;
                        return FetchBatch.stoppedAt(new GmailCursor(done),
                                new UnfetchableItem(ids.get(i), e.reason(), new GmailCursor(past)));
                    }
                    throw e;
                }
                String after = i == ids.size() - 1 ? id(record) : done;
                messages.add(new FetchedMessage(ids.get(i), raw, new GmailCursor(after)));
            }
            done = id(record);
        }
        GmailCursor next = messages.isEmpty() || !stopped ? new GmailCursor(stopped ? since.historyId() : done)
                : (GmailCursor) messages.getLast().cursorAfter();
        return new FetchBatch(messages, next, stopped || page.getNextPageToken() != null);
    }

    /** Whether {@code page} holds any record: enough to know that mail arrived. */
    static boolean hasRecords(ListHistoryResponse page) {
        return page.getHistory() != null && !page.getHistory().isEmpty();
    }

    private static String id(History record) throws ConnectorException {
        if (record.getId() == null) {
            throw new ConnectorException(FailureKind.NETWORK, "users.history.list answered a history record without id");
        }
        return record.getId().toString();
    }

    private static List<String> inboxAdditions(History record, Set<String> seen) {
        List<String> ids = new ArrayList<>();
        for (HistoryMessageAdded added : Objects.requireNonNullElse(record.getMessagesAdded(), List.<HistoryMessageAdded>of())) {
            Message message = added.getMessage();
            if (message == null) {
                continue;
            }
            boolean inbox = message.getLabelIds() == null || message.getLabelIds().contains("INBOX");
            String id = Objects.requireNonNullElse(message.getId(), "");
            if (inbox && !id.isEmpty() && seen.add(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static GmailCursor newer(String a, String b) {
        try {
            return new GmailCursor(Long.parseLong(b) > Long.parseLong(a) ? b : a);
        } catch (NumberFormatException e) {
            return new GmailCursor(a);
        }
    }
}
