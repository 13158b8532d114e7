package dev.postline.core.events;

import java.util.function.Consumer;

/**
 * The one way events leave the core: agent SSE streams and (later) signed webhooks subscribe here.
 * In-process now; a clustered implementation fans out through Redis without touching publishers.
 * Publish only after the transaction that made the change has committed.
 */
public interface EventBus {

    void publish(ConversationEvent event);

    /** Registers a listener; closing the returned handle removes it. Listeners must not block. */
    AutoCloseable subscribe(Consumer<ConversationEvent> listener);
}
