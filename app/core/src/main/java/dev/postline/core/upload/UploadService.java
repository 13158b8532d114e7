package dev.postline.core.upload;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.outbound.OutboundLimits;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Files uploaded before they are attached. Each belongs to the user (or API key) that uploaded
 * it: another owner, like another tenant, gets a 404. Checked once on the way in (size, type,
 * name), so a message built from uploads needs no second look at them.
 */
@Singleton
public class UploadService {

    private final UploadRepository uploads;
    private final BlobStore blobs;
    private final OutboundLimits limits;
    private final TenantTransactions tx;
    private final Clock clock;

    public UploadService(UploadRepository uploads, BlobStore blobs, OutboundLimits limits, TenantTransactions tx, Clock clock) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.limits = limits;
        this.tx = tx;
        this.clock = clock;
    }

    public Upload store(TenantId tenant, UUID owner, @Nullable String fileName, @Nullable String declaredType, byte[] content) {
        String name = FileTypeCheck.fileName(fileName);
        if (content.length > limits.getMaxAttachmentBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "file: larger than the limit of " + limits.getMaxAttachmentBytes() + " bytes per attachment");
        }
        String type = FileTypeCheck.check(name, declaredType, content);
        String key = blobs.put(tenant, content);
        return tx.write(tenant, () -> uploads.save(new Upload(UUID.randomUUID(), tenant.value(), owner, name, type, content.length, key,
                clock.instant())));
    }

    public Upload get(TenantId tenant, UUID owner, UUID id) {
        return tx.read(tenant, () -> owned(tenant, owner, id));
    }

    public byte[] content(TenantId tenant, UUID owner, UUID id) {
        return blobs.get(tenant, get(tenant, owner, id).blobKey());
    }

    /** Deletes an upload no draft holds; one a draft holds is a 409. */
    public void delete(TenantId tenant, UUID owner, UUID id) {
        tx.write(tenant, () -> {
            owned(tenant, owner, id);
            if (uploads.draftUses(tenant.value(), id) > 0) {
                throw ApiException.conflict("a draft still attaches this file; remove it from the draft first");
            }
            uploads.deleteByTenantIdAndIdAndOwnerId(tenant.value(), id, owner);
        });
    }

    /**
     * The uploads with these ids, in that order, all of this owner; a 404 naming the field for any
     * other. Call inside a transaction of the tenant.
     */
    public List<Upload> requireOwned(TenantId tenant, UUID owner, List<UUID> ids, String field) {
        List<Upload> found = new ArrayList<>();
        for (UUID id : ids) {
            found.add(uploads.findByTenantIdAndIdAndOwnerId(tenant.value(), id, owner)
                    .orElseThrow(() -> ApiException.notFound(field + ": upload " + id)));
        }
        return found;
    }

    public byte[] bytes(TenantId tenant, Upload upload) {
        return blobs.get(tenant, upload.blobKey());
    }

    /** Removes uploads past their time that no draft holds; returns how many. */
    public int sweep(TenantId tenant) {
        Instant before = clock.instant().minus(limits.getUploadTtl());
        return tx.write(tenant, () -> uploads.deleteExpired(tenant.value(), before));
    }

    private Upload owned(TenantId tenant, UUID owner, UUID id) {
        return uploads.findByTenantIdAndIdAndOwnerId(tenant.value(), id, owner).orElseThrow(() -> ApiException.notFound("upload"));
    }
}
