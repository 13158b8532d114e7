package dev.postline.core.conversation;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.ingest.MailParsing;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;

/**
 * The bytes of an attachment: from its own blob when it has one, otherwise decoded from its message's
 * raw MIME (inbound attachments since issue #14 — the mail is stored once, as it arrived).
 */
@Singleton
public class AttachmentContent {

    private final BlobStore blobs;
    private final MailParsing parsing;

    public AttachmentContent(BlobStore blobs, MailParsing parsing) {
        this.blobs = blobs;
        this.parsing = parsing;
    }

    /** @param rawBlobOfMessage the raw blob key of the attachment's message (used when the attachment has no blob) */
    public byte[] bytes(TenantId tenant, Attachment attachment, String rawBlobOfMessage) {
        if (attachment.blobKey() != null) {
            return blobs.get(tenant, attachment.blobKey());
        }
        if (attachment.partIndex() == null) {
            throw new IllegalStateException("attachment " + attachment.id() + " has neither a blob nor a place in its message");
        }
        return parsing.attachmentBytes(blobs.get(tenant, rawBlobOfMessage), attachment.partIndex());
    }
}
