package dev.postline.connectors.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A classified connector failure. Checked on purpose: every caller in the core must decide what
 * each {@link FailureKind} means for it.
 *
 * <p>The message is a human-readable reason safe to store and show to an admin: it never contains a
 * password, token or other secret. Connectors build it from their own words (plus server text with
 * secrets redacted), not by copying vendor exception messages. The vendor exception may be kept as
 * the cause for logs.
 */
public class ConnectorException extends Exception {

    private final FailureKind kind;
    private final FailureCause failureCause;
    private final String reason;
    private final transient Duration retryAfter;

    public ConnectorException(FailureKind kind, String reason) {
        this(kind, FailureCause.OTHER, reason, null, null);
    }

    public ConnectorException(FailureKind kind, String reason, Throwable cause) {
        this(kind, FailureCause.OTHER, reason, null, cause);
    }

    /** With what an admin would have to fix, when the connector can tell. */
    public ConnectorException(FailureKind kind, FailureCause failureCause, String reason, Throwable cause) {
        this(kind, failureCause, reason, null, cause);
    }

    private ConnectorException(FailureKind kind, FailureCause failureCause, String reason, Duration retryAfter, Throwable cause) {
        super(kind + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.failureCause = Objects.requireNonNull(failureCause, "failureCause");
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** A {@link FailureKind#THROTTLED} failure with the provider's requested pause, if it gave one. */
    public static ConnectorException throttled(String reason, Duration retryAfter) {
        return new ConnectorException(FailureKind.THROTTLED, FailureCause.OTHER, reason, retryAfter, null);
    }

    public FailureKind kind() {
        return kind;
    }

    /** What went wrong in terms an admin can act on; {@link FailureCause#OTHER} when the connector cannot tell. */
    public FailureCause failureCause() {
        return failureCause;
    }

    /** The reason alone, without the kind in front: a sentence fragment safe to show an admin. */
    public String reason() {
        return reason;
    }

    /** The same failure told from one part of the connector, e.g. "the IMAP server: " + reason. */
    public ConnectorException withReason(String newReason) {
        return new ConnectorException(kind, failureCause, newReason, retryAfter, getCause());
    }

    /** The pause the provider asked for; only ever present for {@link FailureKind#THROTTLED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
