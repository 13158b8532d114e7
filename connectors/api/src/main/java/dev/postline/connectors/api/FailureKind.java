package dev.postline.connectors.api;

/** How the core must react to a failure; see DESIGN.md, "The connector SPI". */
public enum FailureKind {
    /** Credentials refused or grant revoked: re-authentication needed, stop retrying. */
    AUTH_REVOKED,
    /** Authentication failed for a reason that may pass (token endpoint down, 454): retry soon. */
    AUTH_TRANSIENT,
    /** The provider asks us to slow down; honour {@link ConnectorException#retryAfter()}. */
    THROTTLED,
    /** The stored cursor no longer applies: resync from a fresh initial cursor, deduplicating. */
    CURSOR_INVALID,
    /** Connection refused, dropped, timed out, or a transient server error: retry with backoff. */
    NETWORK,
    /** This item (or this configuration) will never work: quarantine it, do not retry. */
    PERMANENT
}
