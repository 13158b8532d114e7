package dev.postline.connectors.api;

/** Result of {@link ConnectorSession#awaitChanges}. */
public enum WaitOutcome {
    /** Something may have changed: fetch now. */
    CHANGED,
    /** The deadline passed with no sign of change. */
    TIMEOUT
}
