package dev.postline.core.ingest;

import dev.postline.mail.MailLimits;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Limits applied to inbound mail before parsing ({@code postline.ingest.*}). Mail over a limit is
 * quarantined with the reason, never dropped; an admin can reprocess it after raising a limit.
 */
@ConfigurationProperties("postline.ingest")
public class IngestSettings {

    private long maxMessageBytes = MailLimits.DEFAULTS.maxTotalBytes();
    private int maxNestingDepth = MailLimits.DEFAULTS.maxNestingDepth();
    private int maxParts = MailLimits.DEFAULTS.maxPartCount();
    private int maxHeaders = MailLimits.DEFAULTS.maxHeaderCount();
    private int maxHeaderLength = MailLimits.DEFAULTS.maxHeaderFieldLength();
    private int maxAddressesPerHeader = MailLimits.DEFAULTS.maxAddressesPerHeader();

    public MailLimits limits() {
        return new MailLimits(maxMessageBytes, maxNestingDepth, maxParts, maxHeaders, maxHeaderLength, maxAddressesPerHeader);
    }

    public long getMaxMessageBytes() { return maxMessageBytes; }
    public void setMaxMessageBytes(long v) { this.maxMessageBytes = v; }
    public int getMaxNestingDepth() { return maxNestingDepth; }
    public void setMaxNestingDepth(int v) { this.maxNestingDepth = v; }
    public int getMaxParts() { return maxParts; }
    public void setMaxParts(int v) { this.maxParts = v; }
    public int getMaxHeaders() { return maxHeaders; }
    public void setMaxHeaders(int v) { this.maxHeaders = v; }
    public int getMaxHeaderLength() { return maxHeaderLength; }
    public void setMaxHeaderLength(int v) { this.maxHeaderLength = v; }
    public int getMaxAddressesPerHeader() { return maxAddressesPerHeader; }
    public void setMaxAddressesPerHeader(int v) { this.maxAddressesPerHeader = v; }
}
