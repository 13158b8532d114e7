package dev.postline.core.outbound;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Limits of outbound mail and uploads ({@code postline.outbound.*}). */
@ConfigurationProperties("postline.outbound")
public class OutboundLimits {

    private long maxAttachmentBytes = 10L * 1024 * 1024;
    private long maxMessageBytes = 25L * 1024 * 1024;
    private int maxRecipients = 100;
    private Duration uploadTtl = Duration.ofDays(1);

    /** One uploaded file at most this large (413 beyond). */
    public long getMaxAttachmentBytes() { return maxAttachmentBytes; }
    public void setMaxAttachmentBytes(long maxAttachmentBytes) { this.maxAttachmentBytes = maxAttachmentBytes; }
    /** All attachments of one message together (400 beyond). */
    public long getMaxMessageBytes() { return maxMessageBytes; }
    public void setMaxMessageBytes(long maxMessageBytes) { this.maxMessageBytes = maxMessageBytes; }
    /** To, cc and bcc together. */
    public int getMaxRecipients() { return maxRecipients; }
    public void setMaxRecipients(int maxRecipients) { this.maxRecipients = maxRecipients; }
    /** An upload no draft holds is deleted this long after it was uploaded. */
    public Duration getUploadTtl() { return uploadTtl; }
    public void setUploadTtl(Duration uploadTtl) { this.uploadTtl = uploadTtl; }
}
