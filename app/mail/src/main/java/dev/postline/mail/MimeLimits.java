package dev.postline.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Ingestion step 1: decides, before any parsing, whether a raw message stays within
 * {@link MailLimits}.
 *
 * <p>Obligations: linear time and bounded memory on any input. The scan streams through mime4j's
 * token events, skips bodies without decoding them, never builds a DOM, holds at most one header
 * field (≤ {@link MailLimits#maxHeaderFieldLength()} bytes) at a time and stops at the first
 * violation, so a 1,000-level or 100,000-part message costs no more than reading up to the 21st
 * level or the 501st part. A message that is malformed but within limits passes: whether it can be
 * parsed is {@link MessageParser}'s call. Thread-safe; one instance serves all tenants.
 */
public final class MimeLimits {

    private final MailLimits limits;

    public MimeLimits(MailLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public MailLimits limits() {
        return limits;
    }

    /** Returns the first limit {@code raw} exceeds, with a reason fit for an admin, or empty. */
    public Optional<LimitViolation> check(byte[] raw) {
        Optional<LimitViolation> size = LimitTracker.checkTotalSize(raw.length, limits);
        if (size.isPresent()) {
            return size;
        }
        MimeTokenStream stream = new MimeTokenStream(LimitTracker.mimeConfig(limits));
        // Embedded message/rfc822 parts count towards depth and parts, so recurse into them.
        stream.setRecursionMode(RecursionMode.M_RECURSE);
        stream.parse(new ByteArrayInputStream(raw));
        LimitTracker tracker = new LimitTracker(limits);
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                Optional<LimitViolation> violation = tracker.on(state, stream);
                if (violation.isPresent()) {
                    return violation;
                }
            }
            return Optional.empty();
        } catch (MimeException | IOException e) {
            return LimitTracker.fromException(e, limits);
        }
    }
}
