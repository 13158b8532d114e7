package dev.postline.core.ingest;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.common.EmailAddress;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Mail that could not be ingested, kept with its raw bytes and a reason. Never dropped: an admin
 * sees it and can reprocess it (after a fix, or with raised limits).
 */
@Singleton
public class Quarantine {

    private final QuarantineRepository repository;
    private final BlobStore blobs;
    private final TenantTransactions tx;
    private final Clock clock;

    public Quarantine(QuarantineRepository repository, BlobStore blobs, TenantTransactions tx, Clock clock) {
        this.repository = repository;
        this.blobs = blobs;
        this.tx = tx;
        this.clock = clock;
    }

    IngestOutcome hold(TenantId tenant, UUID touchpointId, InboundMail mail, String rawBlob, String reason) {
        QuarantinedMail held = repository.save(new QuarantinedMail(UUID.randomUUID(), tenant.value(), touchpointId,
                mail.providerId(), reason.length() > 1000 ? reason.substring(0, 1000) : reason, rawBlob, mail.raw().length,
                QuarantinedMail.Status.NEW, clock.instant()));
        return IngestOutcome.quarantined(held.id(), reason);
    }

    /**
     * Records a message the provider could not deliver (no raw bytes: we never had them). Runs in the
     * caller's transaction, which also moves the cursor past it.
     */
    QuarantinedMail holdUnfetchable(TenantId tenant, UUID touchpointId, String providerId, String reason) {
        return repository.save(new QuarantinedMail(UUID.randomUUID(), tenant.value(), touchpointId, providerId,
                reason.length() > 1000 ? reason.substring(0, 1000) : reason, null, 0, QuarantinedMail.Status.NEW, clock.instant()));
    }

    private static String customerAddress(String value) {
        try {
            return EmailAddress.of(value).value();
        } catch (EmailAddress.InvalidEmailAddressException e) {
            throw ApiException.invalid("customerAddress", e.getMessage() + ", e.g. jane@example.com");
        }
    }

    boolean knowsProviderId(TenantId tenant, UUID touchpointId, String providerId) {
        return repository.existsByTenantIdAndTouchpointIdAndProviderId(tenant.value(), touchpointId, providerId);
    }

    /** Which of {@code providerIds} the touchpoint holds in the quarantine: one read for a batch. */
    List<String> knownProviderIds(TenantId tenant, UUID touchpointId, List<String> providerIds) {
        return providerIds.isEmpty() ? List.of()
                : repository.findProviderIdByTenantIdAndTouchpointIdAndProviderIdInList(tenant.value(), touchpointId, providerIds);
    }

    public List<QuarantinedMail> list(TenantId tenant) {
        return tx.read(tenant, () -> repository.findByTenantIdOrderByCreatedAtDesc(tenant.value()));
    }

    public QuarantinedMail get(TenantId tenant, UUID id) {
        return tx.read(tenant, () -> repository.findByTenantIdAndId(tenant.value(), id))
                .orElseThrow(() -> ApiException.notFound("quarantined message"));
    }

    public byte[] raw(TenantId tenant, UUID id) {
        QuarantinedMail held = get(tenant, id);
        if (held.unfetchable()) {
            throw new ApiException(io.micronaut.http.HttpStatus.NOT_FOUND,
                    "this message has no content to download: the mail server never delivered it");
        }
        return blobs.get(tenant, held.rawBlob());
    }

    /**
     * Runs a quarantined message through the pipeline again (no cursor moves: it was passed
     * already). Marked reprocessed only when it was stored or found to be a duplicate.
     */
    public IngestOutcome reprocess(TenantId tenant, UUID id, IngestionPipeline pipeline) {
        return reprocess(tenant, id, pipeline, null);
    }

    /**
     * As {@link #reprocess(TenantId, UUID, IngestionPipeline)}, for a message without a usable
     * sender: {@code customerAddress} (checked here, 400 when invalid) becomes the customer and the
     * stored message records that an admin supplied it. Refused (409) for a message that names
     * its sender itself, so an admin cannot redirect a customer's conversation.
     */
    public IngestOutcome reprocess(TenantId tenant, UUID id, IngestionPipeline pipeline, @Nullable String customerAddress) {
        String address = customerAddress == null || customerAddress.isBlank() ? null : customerAddress(customerAddress);
        QuarantinedMail held = get(tenant, id);
        if (held.status() != QuarantinedMail.Status.NEW) {
            throw ApiException.conflict("this message was reprocessed already");
        }
        if (held.unfetchable()) {
            throw ApiException.conflict("nothing to reprocess: the mail server never delivered this message's content;"
                    + " open it in the mailbox itself (provider id " + held.providerId() + ")");
        }
        byte[] raw = blobs.get(tenant, held.rawBlob());
        if (address != null && pipeline.hasSender(raw)) {
            throw ApiException.conflict("the message names its sender itself; reprocess it without a customer address");
        }
        pipeline.quarantineReason(raw, address).ifPresent(reason -> {
            throw ApiException.conflict("the message still cannot be ingested: " + reason
                    + (reason.equals(MailParsing.NO_SENDER) ? "; give the customer address to release it" : ""));
        });
        // A fresh provider id: the original one is taken by the quarantine row itself.
        InboundMail again = new InboundMail("reprocessed:" + held.id(), raw, null);
        IngestOutcome outcome = pipeline.ingest(tenant, held.touchpointId(), again, address);
        if (outcome.kind() != IngestOutcome.Kind.QUARANTINED) {
            tx.write(tenant, () -> repository.update(held.withStatus(QuarantinedMail.Status.REPROCESSED)));
        }
        return outcome;
    }
}
