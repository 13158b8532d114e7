package dev.postline.connectors.gmaildouble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One user's mailbox: messages with labels and threads, and the history of additions. History ids
 * increase with every change; {@link #forgetHistory()} drops the history the way Gmail expires it, so
 * older start ids answer 404.
 */
public final class Mailbox {

    static final long FIRST_HISTORY_ID = 1000;
    /** Gmail history ids are not contiguous; a jump makes connectors that assume +1 steps fail here. */
    private static final long FORGET_JUMP = 1000;

    private final String address;
    private final AtomicLong ids;
    private final Map<String, StoredMessage> messages = new LinkedHashMap<>();
    private final List<HistoryRecord> history = new ArrayList<>();
    private long historyId = FIRST_HISTORY_ID;
    private long oldestValidStart = FIRST_HISTORY_ID;

    Mailbox(String address, AtomicLong ids) {
        this.address = address;
        this.ids = ids;
    }

    public String address() {
        return address;
    }

    /** Stores a message and records a {@code messageAdded} history record for it. */
    synchronized StoredMessage add(byte[] raw, List<String> labels, String requestedThreadId, long internalDate) {
        long seq = ids.incrementAndGet();
        String id = String.format("%016x", 0x18c0_0000_0000_0000L + seq);
        StoredMessage stored = new StoredMessage(id, threadFor(raw, requestedThreadId, id), labels, ++historyId,
                internalDate, seq, raw);
        messages.put(id, stored);
        history.add(new HistoryRecord(stored.historyId(), stored));
        return stored;
    }

    /** Gmail's rule in short: a requested existing thread wins, else a reply joins the thread it refers to. */
    private String threadFor(byte[] raw, String requestedThreadId, String ownId) {
        if (requestedThreadId != null && messages.values().stream().anyMatch(m -> m.threadId().equals(requestedThreadId))) {
            return requestedThreadId;
        }
        List<String> refs = MimeHeaders.referencedIds(raw);
        return messages.values().stream().filter(m -> refs.contains(m.rfc822MessageId()))
                .map(StoredMessage::threadId).findFirst().orElse(ownId);
    }

    public synchronized long historyId() {
        return historyId;
    }

    public synchronized Optional<StoredMessage> message(String id) {
        return Optional.ofNullable(messages.get(id));
    }

    /** Messages carrying {@code label}, oldest first. */
    public synchronized List<StoredMessage> withLabel(String label) {
        return messages.values().stream().filter(m -> m.labelIds().contains(label)).toList();
    }

    public synchronized boolean delete(String id) {
        return messages.remove(id) != null;
    }

    /** Drops all history: every start id handed out so far becomes too old (404). */
    public synchronized void forgetHistory() {
        historyId += FORGET_JUMP;
        oldestValidStart = historyId;
        history.clear();
    }

    synchronized boolean historyAvailableFrom(long startHistoryId) {
        return startHistoryId >= oldestValidStart;
    }

    /** History records after {@code startHistoryId} whose message had {@code label} when added (null = any). */
    synchronized List<HistoryRecord> historyAfter(long startHistoryId, String label) {
        return history.stream().filter(h -> h.id() > startHistoryId)
                .filter(h -> label == null || h.message().labelIds().contains(label)).toList();
    }

    /** Gmail's listing order: newest first by internal date, then by arrival. */
    static final Comparator<StoredMessage> NEWEST_FIRST =
            Comparator.comparingLong(StoredMessage::internalDate).thenComparingLong(StoredMessage::seq).reversed();

    synchronized List<StoredMessage> search(SearchQuery query, List<String> labelIds) {
        return messages.values().stream().filter(query::matches).filter(m -> m.labelIds().containsAll(labelIds))
                .sorted(NEWEST_FIRST).toList();
    }
}
