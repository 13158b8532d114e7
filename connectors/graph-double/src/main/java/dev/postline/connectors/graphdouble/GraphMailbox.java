package dev.postline.connectors.graphdouble;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user's mailbox in the double: messages in well-known folders, a change log per folder, and the
 * delta state Graph keeps per mailbox (skip tokens for pages of a round, delta tokens for finished
 * rounds, in a bounded cache like Exchange's). All state is guarded by this object's monitor.
 */
public final class GraphMailbox {

    public static final String INBOX = "inbox";
    public static final String DRAFTS = "drafts";
    public static final String SENT_ITEMS = "sentitems";
    public static final String DELETED_ITEMS = "deleteditems";

    private final String address;
    private final String userId = UUID.randomUUID().toString();
    private final Clock clock;
    private final Subscriptions subscriptions;
    private final Map<String, GraphMessage> messages = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, Round> skipTokens = new HashMap<>();
    private final Map<String, DeltaState> deltaTokens = new HashMap<>();
    private long changeSeq;
    private long epoch;
    private long generation;
    private int tokenCapacity = Integer.MAX_VALUE;
    private DeltaExpiry expiry = DeltaExpiry.GONE_410;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    private record Change(long seq, String folder, String messageId, ChangeKind kind) {
    }

    /** A round in progress: the entries it reports, how far it got, and where its delta token will start. */
    private record Round(DeltaQuery query, List<DeltaPage.Entry> snapshot, int offset, long cutSeq, long epoch) {
    }

    private record DeltaState(DeltaQuery query, long sinceSeq, long generation, long epoch) {
    }

    GraphMailbox(String address, Clock clock, Subscriptions subscriptions) {
        this.address = address;
        this.clock = clock;
        this.subscriptions = subscriptions;
    }

    public String address() {
        return address;
    }

    public String userId() {
        return userId;
    }

    /** Puts a message into the inbox as if it had just arrived; returns its immutable id. */
    public String deliver(byte[] raw) {
        return deliver(raw, clock.instant());
    }

    /** Puts a message into the inbox with the given {@code receivedDateTime}. */
    public synchronized String deliver(byte[] raw, Instant received) {
        return store(raw, received, INBOX, false).immutableId();
    }

    synchronized GraphMessage store(byte[] raw, Instant received, String folder, boolean draft) {
        MimeSummary mime = MimeSummary.of(raw);
        String id = GraphIds.newImmutableId();
        String internetMessageId = mime.messageId().orElse("<" + UUID.randomUUID() + "@double.graph.test>");
        GraphMessage message = new GraphMessage(id, raw.clone(), internetMessageId, mime, received, folder, draft);
        messages.put(id, message);
        log(folder, id, ChangeKind.CREATED);
        return message;
    }

    /** Marks a message read: an {@code updated} change in its folder. */
    public synchronized void markRead(String immutableId) {
        GraphMessage m = require(immutableId);
        m.markRead(clock.instant());
        log(m.folder(), immutableId, ChangeKind.UPDATED);
    }

    synchronized void markUpdated(GraphMessage m) {
        log(m.folder(), m.immutableId(), ChangeKind.UPDATED);
    }

    /** Deletes a message (moves it to Deleted Items, as Outlook does). */
    public synchronized void delete(String immutableId) {
        move(require(immutableId), DELETED_ITEMS);
    }

    synchronized void move(GraphMessage m, String folder) {
        log(m.folder(), m.immutableId(), ChangeKind.REMOVED);
        m.moveTo(folder, clock.instant());
        log(folder, m.immutableId(), ChangeKind.CREATED);
    }

    /** Every message currently in {@code folder}, oldest first. */
    public synchronized List<GraphMessage> messagesIn(String folder) {
        return messages.values().stream().filter(m -> m.folder().equals(folder)).toList();
    }

    /** Finds a message by its immutable id or by a REST id that is still current. */
    public synchronized Optional<GraphMessage> find(String id) {
        GraphMessage byImmutable = messages.get(id);
        if (byImmutable != null) {
            return Optional.of(byImmutable);
        }
        return GraphIds.parseRest(id).flatMap(rest -> Optional.ofNullable(messages.get(rest.immutableId()))
                .filter(m -> m.moves() == rest.moves()));
    }

    synchronized List<GraphMessage> findByInternetMessageId(String folder, String internetMessageId) {
        return messagesIn(folder).stream().filter(m -> m.internetMessageId().equals(internetMessageId)).toList();
    }

    /** Makes every delta and skip token handed out so far unknown, as when Exchange drops its sync state. */
    public synchronized void invalidateDeltaTokens() {
        epoch++;
        skipTokens.clear();
        deltaTokens.clear();
    }

    /**
     * Keeps only the newest {@code capacity} delta tokens, like Exchange's delta token cache: older
     * ones answer as expired.
     */
    public synchronized void deltaTokenCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.tokenCapacity = capacity;
    }

    /** How an unknown token is answered (see {@link DeltaExpiry}). */
    public synchronized void expireTokensAs(DeltaExpiry expiry) {
        this.expiry = expiry;
    }

    synchronized DeltaExpiry expiry() {
        return expiry;
    }

    /** The highest number of requests for this mailbox the double saw in progress at once. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    public void resetConcurrencyMeter() {
        maxInFlight.set(inFlight.get());
    }

    // ---- delta ----------------------------------------------------------------------------------

    /**
     * The first page of an initial round: every message now in the folder that the filter admits. The
     * {@code changeType} option applies to later rounds only, as documented for message delta.
     */
    synchronized DeltaPage startRound(DeltaQuery query, int pageSize) {
        List<DeltaPage.Entry> snapshot = messagesIn(query.folder()).stream().filter(query::admits)
                .map(m -> new DeltaPage.Entry(m, ChangeKind.CREATED)).toList();
        return page(new Round(query, snapshot, 0, changeSeq, epoch), pageSize);
    }

    synchronized DeltaPage continueRound(String skipToken, int pageSize) throws SyncStateNotFound {
        Round round = skipTokens.get(skipToken);
        if (round == null || round.epoch() != epoch) {
            throw new SyncStateNotFound("The sync state for this skip token is not found.");
        }
        return page(round, pageSize);
    }

    /** The first page of the round that reports what changed since the round {@code deltaToken} ended. */
    synchronized DeltaPage changesSince(String deltaToken, int pageSize) throws SyncStateNotFound {
        DeltaState state = deltaTokens.get(deltaToken);
        if (state == null || state.epoch() != epoch || state.generation() <= generation - tokenCapacity) {
            throw new SyncStateNotFound("The sync state generation is not found; generation="
                    + (state == null ? "?" : state.generation()) + ";[highest=" + generation + "].");
        }
        DeltaQuery query = state.query();
        Map<String, ChangeKind[]> firstAndLast = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.seq() > state.sinceSeq() && c.folder().equals(query.folder())) {
                // An item is reported once, in its latest state, at the position of its latest change.
                ChangeKind[] kinds = firstAndLast.remove(c.messageId());
                if (kinds == null) {
                    kinds = new ChangeKind[] {c.kind(), c.kind()};
                } else {
                    kinds[1] = c.kind();
                }
                firstAndLast.put(c.messageId(), kinds);
            }
        }
        List<DeltaPage.Entry> snapshot = new ArrayList<>();
        firstAndLast.forEach((id, kinds) -> {
            ChangeKind kind = kinds[1] == ChangeKind.REMOVED ? ChangeKind.REMOVED
                    : kinds[0] == ChangeKind.CREATED ? ChangeKind.CREATED : ChangeKind.UPDATED;
            GraphMessage m = messages.get(id);
            if (query.admits(kind) && (kind == ChangeKind.REMOVED || query.admits(m))) {
                snapshot.add(new DeltaPage.Entry(m, kind));
            }
        });
        return page(new Round(query, snapshot, 0, changeSeq, epoch), pageSize);
    }

    private DeltaPage page(Round round, int pageSize) {
        int end = (int) Math.min((long) round.offset() + pageSize, round.snapshot().size());
        List<DeltaPage.Entry> entries = round.snapshot().subList(round.offset(), end);
        if (end < round.snapshot().size()) {
            String skip = GraphIds.token(24);
            skipTokens.put(skip, new Round(round.query(), round.snapshot(), end, round.cutSeq(), round.epoch()));
            return new DeltaPage(List.copyOf(entries), skip, null);
        }
        String delta = GraphIds.token(24);
        deltaTokens.put(delta, new DeltaState(round.query(), round.cutSeq(), ++generation, epoch));
        return new DeltaPage(List.copyOf(entries), null, delta);
    }

    private void log(String folder, String messageId, ChangeKind kind) {
        changes.add(new Change(++changeSeq, folder, messageId, kind));
        if (kind == ChangeKind.CREATED) {
            subscriptions.created(this, messages.get(messageId), folder); // notifies asynchronously
        }
    }

    private GraphMessage require(String immutableId) {
        GraphMessage m = messages.get(immutableId);
        if (m == null) {
            throw new IllegalArgumentException("no message " + immutableId + " in " + address);
        }
        return m;
    }

    static String normalize(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
