package dev.postline.connectors.api;

/**
 * Optional capability of a session whose {@link ConnectorSession#awaitChanges} can be ended early by a
 * hint from outside the session, e.g. a change notification the server received for this mailbox.
 * Without it a session notices changes only by its own means (IDLE, its poll interval).
 */
public interface ChangeHints {

    /**
     * Something may have changed in the mailbox. May be called from any thread, also while no wait is
     * pending: a pending {@code awaitChanges} returns {@link WaitOutcome#CHANGED} promptly; a hint given
     * while none is pending makes the next one look for changes at once instead of after its poll
     * interval. Never blocks, never throws; a no-op after {@link ConnectorSession#close()}.
     */
    void changeHinted();
}
