package dev.postline.core.ingest;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.blob.FileBlobStore;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.sync.SyncState;
import dev.postline.core.sync.SyncStateRepository;
import dev.postline.core.tenant.TenantId;
import dev.postline.mail.ContentDigest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dedupe means "the same message twice": the same Message-ID AND the same content ({@link ContentDigest}:
 * the sender's key headers and the body, not transport headers). A reused Message-ID with other content is
 * a different message; it is stored and flagged, never dropped. Every suppressed copy is counted on the
 * touchpoint's sync state (shown to admins), in a metric, and logged with ids only. Runs in the tenant's
 * transaction, except {@link #countedAfterCommit}.
 */
@Singleton
public class DuplicateMail {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateMail.class);
    private static final String KEY_PREFIX = "v2:";

    private final MailMessageRepository messages;
    private final SyncStateRepository states;
    private final BlobStore blobs;
    private final Counter suppressed;
    private final Clock clock;

    public DuplicateMail(MailMessageRepository messages, SyncStateRepository states, BlobStore blobs, MeterRegistry meters,
                         Clock clock) {
        this.clock = clock;
        this.messages = messages;
        this.states = states;
        this.blobs = blobs;
        this.suppressed = Counter.builder("postline.ingest.duplicates.suppressed")
                .description("Inbound copies not stored because the same message (Message-ID and content) was stored already")
                .register(meters);
    }

    /** The dedupe key stored with a message: its Message-ID and content, digested (the Message-ID is part of it). */
    static String key(byte[] raw) {
        return KEY_PREFIX + ContentDigest.of(raw);
    }

    /**
     * The touchpoint's stored messages with this one's Message-ID (usually none): one indexed read that
     * answers both dedupe questions below for mail that has a Message-ID.
     */
    List<MailMessage> sameMessageId(TenantId tenant, UUID touchpointId, IncomingMail incoming) {
        return incoming.messageId() == null ? List.of()
                : messages.findByTenantIdAndTouchpointIdAndMessageIdHeader(tenant.value(), touchpointId, incoming.messageId());
    }

    /**
     * The stored message this one repeats, if the touchpoint has it already. {@code sameMessageId}: from
     * {@link #sameMessageId} — the digest includes the Message-ID, so a stored copy is among them.
     */
    Optional<UUID> storedCopy(TenantId tenant, UUID touchpointId, IncomingMail incoming, byte[] raw, String key,
                              List<MailMessage> sameMessageId) {
        if (incoming.messageId() == null) {
            Optional<MailMessage> same = messages.findByTenantIdAndTouchpointIdAndDedupeKey(tenant.value(), touchpointId, key);
            if (same.isPresent()) {
                return same.map(MailMessage::id);
            }
            // Stored before digests: keyed by the raw bytes' hash.
            return messages.findByTenantIdAndTouchpointIdAndDedupeKey(tenant.value(), touchpointId,
                    "sha256:" + FileBlobStore.sha256(raw)).map(MailMessage::id);
        }
        Optional<MailMessage> same = sameMessageId.stream().filter(m -> key.equals(m.dedupeKey())).findFirst();
        if (same.isPresent()) {
            return same.map(MailMessage::id);
        }
        // Stored before digests: keyed by Message-ID alone; the same message only if the content matches too.
        String legacy = "mid:" + incoming.messageId();
        return sameMessageId.stream().filter(m -> legacy.equals(m.dedupeKey()))
                .filter(old -> key.equals(storedKey(tenant, old)))
                .findFirst()
                .map(MailMessage::id);
    }

    /** The key an old row would have now; none when its raw bytes are gone (then store: a repeat beats a loss). */
    private String storedKey(TenantId tenant, MailMessage old) {
        try {
            return key(blobs.get(tenant, old.rawBlob()));
        } catch (java.io.UncheckedIOException e) {
            LOG.warn("Raw bytes of stored message {} unreadable; comparing by content impossible, storing the new copy", old.id());
            return null;
        }
    }

    /** Counts a suppressed copy on the touchpoint and logs it: ids only, never content. */
    IngestOutcome suppressed(TenantId tenant, UUID touchpointId, String providerId, UUID storedId) {
        states.findByTenantIdAndTouchpointIdAndFolder(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER)
                .ifPresentOrElse(state -> states.update(state.withDuplicate()),
                        // Mail that came in before the sync's first connect (reprocessing, an import): still counted.
                        () -> states.save(SyncState.start(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER, "", null,
                                clock.instant()).withDuplicate()));
        LOG.info("Duplicate suppressed on touchpoint {}/{}: provider id {} is the same message as stored message {}"
                + " (same Message-ID and content)", tenant, touchpointId, providerId, storedId);
        return IngestOutcome.sameMessageAgain(storedId);
    }

    void countedAfterCommit(IngestOutcome outcome) {
        if (outcome.sameMessageAgain()) {
            suppressed.increment();
        }
    }
}
