package dev.postline.core.ingest;

import dev.postline.core.autoreply.AutoReplyDecision;
import dev.postline.core.autoreply.AutoReplySender;
import dev.postline.core.blob.BlobStore;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.ConversationStatus;
import dev.postline.core.conversation.MessageFlag;
import dev.postline.core.db.DatabaseUnavailable;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.threading.ConversationMentions;
import dev.postline.core.threading.ThreadDecision;
import dev.postline.core.threading.ThreadingRule;
import dev.postline.core.threading.ThreadTokens;
import java.util.Optional;
import dev.postline.core.touchpoint.ReportServiceName;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound pipeline for one message: limits → parse → dedupe (provider id; the same Message-ID
 * with the same content, see {@link DuplicateMail}) → blocklist → loop/bounce flags →
 * thread → store message, attachments AND cursor in one transaction → route → events (after
 * commit). A new conversation takes the touchpoint's data-source key/values and report service name
 * with it, read in that same transaction. Every outcome moves the cursor past the message — stored, recognised as a duplicate,
 * or quarantined with its raw bytes — so nothing is skipped and nothing is stored twice.
 */
@Singleton
public class IngestionPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionPipeline.class);

    private final MailParsing parsing;
    private final BlobStore blobs;
    private final TenantTransactions tx;
    private final TouchpointRepository touchpoints;
    private final ConversationRepository conversations;
    private final MessageStore messageStore;
    private final ThreadingRule threads;
    private final ConversationMentions mentions;
    private final SenderBlocklist blocklist;
    private final TicketNumbers numbers;
    private final QueueRouter router;
    private final Quarantine quarantine;
    private final SyncCursorWriter cursors;
    private final EventBus events;
    private final ThreadTokens tokens;
    private final BounceLinker bounces;
    private final AutoReplyDecision autoReplies;
    private final AutoReplySender autoReplySender;
    private final DuplicateMail duplicates;
    private final AuthservTrust authservTrust;
    private final Clock clock;

    public IngestionPipeline(MailParsing parsing, BlobStore blobs, TenantTransactions tx, TouchpointRepository touchpoints,
                             ConversationRepository conversations, MessageStore messageStore, ThreadingRule threads, ConversationMentions mentions,
                             SenderBlocklist blocklist, TicketNumbers numbers, QueueRouter router, Quarantine quarantine,
                             SyncCursorWriter cursors, EventBus events, ThreadTokens tokens, BounceLinker bounces,
                             AutoReplyDecision autoReplies, AutoReplySender autoReplySender, DuplicateMail duplicates,
                             AuthservTrust authservTrust, Clock clock) {
        this.parsing = parsing;
        this.blobs = blobs;
        this.tx = tx;
        this.touchpoints = touchpoints;
        this.conversations = conversations;
        this.messageStore = messageStore;
        this.threads = threads;
        this.mentions = mentions;
        this.blocklist = blocklist;
        this.numbers = numbers;
        this.router = router;
        this.quarantine = quarantine;
        this.cursors = cursors;
        this.events = events;
        this.tokens = tokens;
        this.bounces = bounces;
        this.autoReplies = autoReplies;
        this.autoReplySender = autoReplySender;
        this.duplicates = duplicates;
        this.authservTrust = authservTrust;
        this.clock = clock;
    }

    public IngestOutcome ingest(TenantId tenant, UUID touchpointId, InboundMail mail) {
        return ingest(tenant, touchpointId, mail, null);
    }

    /**
     * @param adminAddress the customer address an admin supplied for a message without a usable
     *     sender (validated); ignored when a header of the message supplies one
     */
    public IngestOutcome ingest(TenantId tenant, UUID touchpointId, InboundMail mail, @Nullable String adminAddress) {
        // Bytes first, outside the transaction: content-addressed, so a rollback leaves only garbage.
        Prepared prepared = Prepared.of(mail, blobs.put(tenant, mail.raw()), parsing.parse(mail.raw(), adminAddress));
        return ingestPrepared(tenant, touchpointId, prepared);
    }

    /**
     * Ingests one fetched batch in ONE transaction: every message is stored (or recognised as a
     * duplicate, or quarantined) and the cursor moves past the last one in the same commit, so the
     * invariant is the one of {@link #ingest}, paid once per batch — one commit, one touchpoint and
     * settings read, one fsync round for the raw bytes. Messages are taken in order, so a later one
     * sees an earlier one of the same batch (threading, dedupe). Should the batch fail as a whole
     * (one message breaking a constraint, say), nothing of it is kept and its messages are ingested
     * one by one, each in its own transaction as before: one bad message costs only itself.
     */
    public List<IngestOutcome> ingestBatch(TenantId tenant, UUID touchpointId, List<InboundMail> batch) {
        return commit(tenant, touchpointId, prepare(tenant, batch));
    }

    /**
     * The first half of {@link #ingestBatch}, which needs no transaction: the raw bytes stored (one fsync
     * round for the batch) and every message parsed. The sync loop prepares the next batch while the
     * previous one {@linkplain #commit commits}, so parsing and the disk work overlap the database's.
     */
    public PreparedBatch prepare(TenantId tenant, List<InboundMail> batch) {
        if (batch.size() < 2) {
            List<String> keys = blobs.putAll(tenant, batch.stream().map(InboundMail::raw).toList());
            return new PreparedBatch(tenant, batch.isEmpty() ? List.of()
                    : List.of(Prepared.of(batch.get(0), keys.get(0), parsing.parse(batch.get(0).raw(), null))));
        }
        // The raw bytes are written (and synced) while the messages are parsed and digested, and those are
        // split over the cores: each step waits on something else (the disk, the CPU), so they overlap.
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<String>> keys = workers.submit(() -> blobs.putAll(tenant, batch.stream().map(InboundMail::raw).toList()));
            int slices = Math.min(batch.size(), PARSING_SLICES);
            List<Future<List<ParsedMail>>> parsed = new ArrayList<>(slices);
            for (int slice = 0; slice < slices; slice++) {
                List<InboundMail> part = batch.subList(slice * batch.size() / slices, (slice + 1) * batch.size() / slices);
                parsed.add(workers.submit(() -> part.stream().map(this::parseForBatch).toList()));
            }
            List<String> rawBlobs = result(keys);
            List<Prepared> prepared = new ArrayList<>(batch.size());
            for (Future<List<ParsedMail>> slice : parsed) {
                for (ParsedMail mail : result(slice)) {
                    prepared.add(new Prepared(mail.mail(), rawBlobs.get(prepared.size()), mail.parsed(), mail.dedupeKey()));
                }
            }
            return new PreparedBatch(tenant, prepared);
        }
    }

    /** How many parts a batch's parsing is split into: one per core. */
    private static final int PARSING_SLICES = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** A message of a batch parsed and digested, its raw bytes not yet known to be durable. */
    private record ParsedMail(InboundMail mail, MailParsing.Result parsed, @Nullable String dedupeKey) {}

    private ParsedMail parseForBatch(InboundMail mail) {
        MailParsing.Result parsed = parsing.parse(mail.raw(), null);
        return new ParsedMail(mail, parsed, parsed.failure() == null ? DuplicateMail.key(mail.raw()) : null);
    }

    /** The task's result; its failure rethrown as it was (a bug or a full disk must not pass for anything else). */
    private static <T> T result(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The second half of {@link #ingestBatch}: the batch's one transaction, then its events. */
    public List<IngestOutcome> commit(TenantId tenant, UUID touchpointId, PreparedBatch batch) {
        if (!batch.tenant.equals(tenant)) {
            throw new IllegalArgumentException("a batch prepared for one tenant cannot be committed for another");
        }
        List<Prepared> prepared = batch.messages;
        if (prepared.isEmpty()) {
            return List.of();
        }
        if (prepared.size() == 1) {
            return List.of(ingestPrepared(tenant, touchpointId, prepared.get(0)));
        }
        List<ConversationEvent> published = new ArrayList<>();
        List<UUID> autoReplyDecisions = new ArrayList<>();
        List<IngestOutcome> outcomes;
        try {
            outcomes = tx.write(tenant, () -> {
                IngestScope scope = scope(tenant, touchpointId, prepared);
                List<IngestOutcome> results = new ArrayList<>(prepared.size());
                for (Prepared p : prepared) {
                    results.add(store(tenant, scope, p, published, autoReplyDecisions));
                }
                scope.finish();
                String cursor = prepared.get(prepared.size() - 1).mail().cursorAfter();
                if (cursor != null) {
                    cursors.advance(tenant, touchpointId, cursor, prepared.size());
                }
                return results;
            });
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.is(e)) {
                throw e; // one by one would wait for a connection once per message, to the same end
            }
            LOG.info("Batch of {} messages for {}/{} failed as a whole ({}); storing them one by one",
                    prepared.size(), tenant, touchpointId, e.toString());
            return prepared.stream().map(p -> ingestPrepared(tenant, touchpointId, p)).toList();
        }
        afterCommit(tenant, outcomes, published, autoReplyDecisions);
        return outcomes;
    }

    /** A batch whose raw bytes are durable and whose messages are parsed, ready for {@link #commit}. */
    public static final class PreparedBatch {
        private final TenantId tenant;
        private final List<Prepared> messages;

        private PreparedBatch(TenantId tenant, List<Prepared> messages) {
            this.tenant = tenant;
            this.messages = List.copyOf(messages);
        }

        public int size() {
            return messages.size();
        }
    }

    private IngestOutcome ingestPrepared(TenantId tenant, UUID touchpointId, Prepared prepared) {
        List<ConversationEvent> published = new ArrayList<>();
        List<UUID> autoReplyDecisions = new ArrayList<>();
        IngestOutcome outcome = tx.write(tenant, () -> {
            IngestScope scope = scope(tenant, touchpointId, List.of(prepared));
            IngestOutcome result = store(tenant, scope, prepared, published, autoReplyDecisions);
            scope.finish();
            if (prepared.mail().cursorAfter() != null) {
                cursors.advance(tenant, touchpointId, prepared.mail().cursorAfter(), 1);
            }
            return result;
        });
        afterCommit(tenant, List.of(outcome), published, autoReplyDecisions);
        return outcome;
    }

    /** What the transaction of {@code batch} reads once: see {@link IngestScope}. */
    private IngestScope scope(TenantId tenant, UUID touchpointId, List<Prepared> batch) {
        Touchpoint touchpoint = touchpoints.findByTenantIdAndId(tenant.value(), touchpointId)
                .orElseThrow(() -> new IllegalStateException("touchpoint " + touchpointId + " is gone"));
        List<String> providerIds = batch.stream().map(p -> p.mail().providerId()).filter(java.util.Objects::nonNull).distinct().toList();
        Set<String> known = new java.util.HashSet<>(messageStore.knownProviderIds(tenant, touchpointId, providerIds));
        known.addAll(quarantine.knownProviderIds(tenant, touchpointId, providerIds));
        List<String> senders = batch.stream().filter(p -> p.parsed().failure() == null)
                .map(p -> p.parsed().mail().from().address()).distinct().toList();
        return new IngestScope(touchpoint, messageStore.settingsOf(touchpoint), () -> messageStore.ownAddresses(tenant),
                () -> router.ringGroupsOf(tenant, touchpointId), known, blocklist.blockedAmong(tenant, touchpointId, senders),
                numbers.allocation(tenant));
    }

    private void afterCommit(TenantId tenant, List<IngestOutcome> outcomes, List<ConversationEvent> published,
                             List<UUID> autoReplyDecisions) {
        outcomes.forEach(duplicates::countedAfterCommit);
        published.forEach(events::publish);
        autoReplyDecisions.forEach(id -> autoReplySender.afterCommit(tenant, id));
    }

    /**
     * One message ready for the transaction: raw bytes durable under {@code rawBlob}, parsed or the reason it
     * is not, and its dedupe key (a digest over every byte of the body: computed here, outside the transaction).
     */
    private record Prepared(InboundMail mail, String rawBlob, MailParsing.Result parsed, @Nullable String dedupeKey) {

        static Prepared of(InboundMail mail, String rawBlob, MailParsing.Result parsed) {
            return new Prepared(mail, rawBlob, parsed, parsed.failure() == null ? DuplicateMail.key(mail.raw()) : null);
        }
    }

    /** Why a message would be quarantined (over a limit, unparseable), if it would. */
    public java.util.Optional<String> quarantineReason(byte[] raw) {
        return quarantineReason(raw, null);
    }

    /** Why a message would still be quarantined when released with {@code adminAddress}, if it would. */
    public java.util.Optional<String> quarantineReason(byte[] raw, @Nullable String adminAddress) {
        return java.util.Optional.ofNullable(parsing.parse(raw, adminAddress).failure());
    }

    /** True when a header of the message names whom to answer (an admin's address would be ignored). */
    public boolean hasSender(byte[] raw) {
        return parsing.hasSender(raw);
    }

    private IngestOutcome store(TenantId tenant, IngestScope scope, Prepared prepared, List<ConversationEvent> published,
                                List<UUID> autoReplyDecisions) {
        InboundMail mail = prepared.mail();
        if (scope.knowsProviderId(mail.providerId())) {
            return IngestOutcome.duplicate("provider id already ingested");
        }
        IngestOutcome outcome = storeNew(tenant, scope, prepared, published, autoReplyDecisions);
        if (outcome.kind() != IngestOutcome.Kind.DUPLICATE) {
            scope.stored(mail.providerId()); // a message or a quarantine entry now carries it
        }
        return outcome;
    }

    private IngestOutcome storeNew(TenantId tenant, IngestScope scope, Prepared prepared, List<ConversationEvent> published,
                                   List<UUID> autoReplyDecisions) {
        Touchpoint touchpoint = scope.touchpoint();
        InboundMail mail = prepared.mail();
        String rawBlob = prepared.rawBlob();
        MailParsing.Result parsed = prepared.parsed();
        if (parsed.failure() != null) {
            return quarantine.hold(tenant, touchpoint.id(), mail, rawBlob, parsed.failure());
        }
        IncomingMail incoming = parsed.mail();
        if (incoming.messageId() != null && tokens.conversationOf(tenant, touchpoint.id(), incoming.messageId()).isPresent()) {
            // Our own reply coming back (Sent folder, a BCC to the support address): already stored as outbound.
            return IngestOutcome.duplicate("our own outbound message");
        }
        InboundPolicy policy = scope.policy();
        String dedupeKey = policy.dedupeByMessageId() ? prepared.dedupeKey() : null;
        List<MailMessage> sameMessageId = duplicates.sameMessageId(tenant, touchpoint.id(), incoming);
        if (dedupeKey != null) {
            Optional<UUID> stored = duplicates.storedCopy(tenant, touchpoint.id(), incoming, mail.raw(), dedupeKey, sameMessageId);
            if (stored.isPresent()) {
                return duplicates.suppressed(tenant, touchpoint.id(), mail.providerId(), stored.get());
            }
        }
        Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
        flags.addAll(incoming.automationFlags());
        if (!sameMessageId.isEmpty()) {
            // Another message with this Message-ID but other content: stored as its own message, marked.
            flags.add(MessageFlag.REUSED_MESSAGE_ID);
        }
        if (scope.isOwnAddress(incoming.from().address())) {
            flags.add(MessageFlag.OWN_ADDRESS);
        }
        boolean blocked = scope.blocks(incoming.from().address());
        if (blocked) {
            flags.add(MessageFlag.BLOCKED);
        }
        Instant now = clock.instant();
        Optional<MailMessage> reportedOn = bounces.reportedOutbound(tenant, touchpoint.id(), incoming, flags);
        // A bounce joins the reply it reports on; any other mail follows the threading rule (ThreadingRule).
        ThreadDecision threading = reportedOn.isPresent() ? ThreadDecision.NONE
                : threads.decide(tenant, touchpoint.id(), incoming, policy.sameDomainIsParticipant());
        Conversation conversation = reportedOn.flatMap(m -> conversations.findByTenantIdAndId(tenant.value(), m.conversationId()))
                .or(threading::join)
                .filter(existing -> existing.status() == ConversationStatus.OPEN || policy.reopenClosed())
                .orElse(null);
        boolean isNew = conversation == null;
        Set<UUID> queue;
        if (isNew) {
            // The touchpoint's data-source key/values and report name as they are now, like its queue below.
            conversation = conversations.save(new Conversation(UUID.randomUUID(), tenant.value(), touchpoint.id(),
                    scope.nextConversationNumber(), incoming.subject(), incoming.from().address().toLowerCase(Locale.ROOT),
                    incoming.from().name(), ConversationStatus.OPEN, blocked, null, null, true, now, now,
                    touchpoint.dataSource(), ReportServiceName.effective(touchpoint)));
            queue = router.routeNew(tenant, conversation, scope.ringGroups());
            mentions.record(tenant, conversation, threading.mentioned(), now);
        } else {
            Instant deadline = router.followUpDeadline(conversation, policy.waitForAssignedAgent(), now);
            conversation = conversations.update(conversation.withStatus(ConversationStatus.OPEN)
                    .withAssignment(conversation.assignedUserId(), deadline).withNewMessage(now));
            queue = router.queueOf(tenant, conversation.id());
        }
        String trusted = authservTrust.trustedOf(incoming, touchpoint, scope.settings());
        UUID messageId = messageStore.save(tenant, touchpoint, conversation.id(), mail, rawBlob, incoming, dedupeKey, flags, trusted, now);
        reportedOn.ifPresent(outbound -> bounces.markBounced(outbound, incoming));
        if (isNew) {
            // Decided with the conversation (same transaction); queued after the commit, off the ingest path.
            autoReplies.decide(tenant, touchpoint, conversation, messageId, flags).ifPresent(autoReplyDecisions::add);
            published.add(event(ConversationEvent.Type.CONVERSATION_CREATED, tenant, conversation, messageId, queue, now));
        }
        published.add(event(ConversationEvent.Type.MESSAGE_ADDED, tenant, conversation, messageId, queue, now));
        return IngestOutcome.stored(conversation.id(), messageId);
    }

    private static ConversationEvent event(ConversationEvent.Type type, TenantId tenant, Conversation c, UUID messageId,
                                           Set<UUID> queue, Instant at) {
        return new ConversationEvent(type, tenant, c.id(), messageId, queue, c.assignedUserId(), at);
    }

    static String flagsText(Set<MessageFlag> flags) {
        return flags.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
