package dev.postline.mail;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Applies {@link MailLimits} to the events of a {@link MimeTokenStream}, so the limit scan and the
 * parser enforce exactly the same rules. Feed it every event in order; it answers with the first
 * violation and the caller stops reading there, which keeps hostile input cheap: nothing past the
 * first violation is read.
 *
 * <p>Header count and header length are enforced by mime4j itself through {@link #mimeConfig};
 * {@link #fromException} maps those failures to violations.
 */
final class LimitTracker {

    private final MailLimits limits;
    private final Map<String, Integer> addressesPerHeader = new HashMap<>();
    private int depth;
    private int parts;

    LimitTracker(MailLimits limits) {
        this.limits = limits;
    }

    /** A mime4j configuration whose own limits match {@code limits}; lenient otherwise. */
    static MimeConfig mimeConfig(MailLimits limits) {
        return MimeConfig.custom()
                .setMaxLineLen(limits.maxHeaderFieldLength())
                .setMaxHeaderLen(limits.maxHeaderFieldLength())
                .setMaxHeaderCount(limits.maxHeaderCount())
                // Bodies are bounded by maxTotalBytes, checked before any parsing.
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .build();
    }

    static Optional<LimitViolation> checkTotalSize(int size, MailLimits limits) {
        if (size > limits.maxTotalBytes()) {
            return Optional.of(new LimitViolation(LimitViolation.Kind.TOTAL_SIZE,
                    "message of " + size + " bytes is larger than " + limits.maxTotalBytes() + " bytes"));
        }
        return Optional.empty();
    }

    Optional<LimitViolation> on(EntityState state, MimeTokenStream stream) {
        return switch (state) {
            case T_START_MESSAGE -> enter();
            case T_START_BODYPART -> {
                parts++;
                if (parts > limits.maxPartCount()) {
                    yield violation(LimitViolation.Kind.PART_COUNT,
                            "more than " + limits.maxPartCount() + " MIME parts");
                }
                yield enter();
            }
            case T_END_MESSAGE, T_END_BODYPART -> {
                depth--;
                yield Optional.empty();
            }
            case T_START_HEADER -> {
                addressesPerHeader.clear();
                yield Optional.empty();
            }
            case T_FIELD -> onField(stream.getField());
            default -> Optional.empty();
        };
    }

    /** Maps mime4j's own limit failures to violations; other failures are not limit problems. */
    static Optional<LimitViolation> fromException(Throwable failure, MailLimits limits) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MaxHeaderLimitException) {
                return violation(LimitViolation.Kind.HEADER_COUNT,
                        "more than " + limits.maxHeaderCount() + " header fields in one header section");
            }
            if (t instanceof MaxHeaderLengthLimitException || t instanceof MaxLineLimitException) {
                return violation(LimitViolation.Kind.HEADER_FIELD_LENGTH,
                        "header field longer than " + limits.maxHeaderFieldLength() + " bytes");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private Optional<LimitViolation> enter() {
        depth++;
        if (depth > limits.maxNestingDepth()) {
            return violation(LimitViolation.Kind.NESTING_DEPTH,
                    "MIME nesting deeper than " + limits.maxNestingDepth() + " levels");
        }
        return Optional.empty();
    }

    private Optional<LimitViolation> onField(Field field) {
        String name = field.getName().toLowerCase(Locale.ROOT);
        if (!AddressCounter.isAddressHeader(name) || field.getRaw() == null) {
            return Optional.empty();
        }
        int count = addressesPerHeader.merge(name, AddressCounter.count(field.getRaw(), field.getName().length() + 1), Integer::sum);
        if (count > limits.maxAddressesPerHeader()) {
            return violation(LimitViolation.Kind.ADDRESS_COUNT,
                    "more than " + limits.maxAddressesPerHeader() + " addresses in " + field.getName() + ":");
        }
        return Optional.empty();
    }

    private static Optional<LimitViolation> violation(LimitViolation.Kind kind, String reason) {
        return Optional.of(new LimitViolation(kind, reason));
    }
}
