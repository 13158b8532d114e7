package dev.postline.connectors.graphdouble;

/** A skip or delta token the mailbox no longer knows (invalidated, evicted from the token cache, or foreign). */
final class SyncStateNotFound extends Exception {

    SyncStateNotFound(String message) {
        super(message, null, false, false);
    }
}
