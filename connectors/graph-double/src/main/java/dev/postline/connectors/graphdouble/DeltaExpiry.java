package dev.postline.connectors.graphdouble;

/**
 * How the double answers a delta or skip token it no longer knows. Both occur in the wild: Outlook
 * resources answer {@code 410 Gone} with code {@code SyncStateNotFound}; other resources answer
 * {@code 400 Bad Request} with code {@code syncStateNotFound} ("The sync state generation is not found.
 * The delta token is expired and data must be synchronized again.").
 */
public enum DeltaExpiry {
    GONE_410,
    BAD_REQUEST_SYNC_STATE_NOT_FOUND
}
