package dev.postline.mail;

/**
 * Structural limits a raw message must respect before it is parsed. Everything above a limit goes
 * to quarantine with the {@link LimitViolation}'s reason; nothing is dropped.
 *
 * @param maxTotalBytes size of the raw message
 * @param maxNestingDepth nesting of multiparts and embedded {@code message/rfc822} entities; the
 *     top-level message is depth 1
 * @param maxPartCount body parts over the whole message, embedded messages included
 * @param maxHeaderCount header fields in any one header section (the message's or a part's)
 * @param maxHeaderFieldLength bytes of one header line and of one unfolded header field
 * @param maxAddressesPerHeader addresses in one address header (To, Cc, …), summed over
 *     repeated fields of the same name in one header section
 */
public record MailLimits(
        long maxTotalBytes,
        int maxNestingDepth,
        int maxPartCount,
        int maxHeaderCount,
        int maxHeaderFieldLength,
        int maxAddressesPerHeader) {

    /** 50 MB, 20 levels, 500 parts, 1,000 headers, 64 KB per header field, 5,000 addresses. */
    public static final MailLimits DEFAULTS = new MailLimits(50L * 1024 * 1024, 20, 500, 1_000, 64 * 1024, 5_000);

    public MailLimits {
        requirePositive(maxTotalBytes, "maxTotalBytes");
        requirePositive(maxNestingDepth, "maxNestingDepth");
        requirePositive(maxPartCount, "maxPartCount");
        requirePositive(maxHeaderCount, "maxHeaderCount");
        requirePositive(maxHeaderFieldLength, "maxHeaderFieldLength");
        requirePositive(maxAddressesPerHeader, "maxAddressesPerHeader");
    }

    public MailLimits withMaxTotalBytes(long value) {
        return new MailLimits(value, maxNestingDepth, maxPartCount, maxHeaderCount, maxHeaderFieldLength, maxAddressesPerHeader);
    }

    public MailLimits withMaxNestingDepth(int value) {
        return new MailLimits(maxTotalBytes, value, maxPartCount, maxHeaderCount, maxHeaderFieldLength, maxAddressesPerHeader);
    }

    public MailLimits withMaxPartCount(int value) {
        return new MailLimits(maxTotalBytes, maxNestingDepth, value, maxHeaderCount, maxHeaderFieldLength, maxAddressesPerHeader);
    }

    public MailLimits withMaxHeaderCount(int value) {
        return new MailLimits(maxTotalBytes, maxNestingDepth, maxPartCount, value, maxHeaderFieldLength, maxAddressesPerHeader);
    }

    public MailLimits withMaxHeaderFieldLength(int value) {
        return new MailLimits(maxTotalBytes, maxNestingDepth, maxPartCount, maxHeaderCount, value, maxAddressesPerHeader);
    }

    public MailLimits withMaxAddressesPerHeader(int value) {
        return new MailLimits(maxTotalBytes, maxNestingDepth, maxPartCount, maxHeaderCount, maxHeaderFieldLength, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
