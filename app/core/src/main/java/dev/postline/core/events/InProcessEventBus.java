package dev.postline.core.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners of this process, synchronously; a failing listener does not stop others. */
@Singleton
public class InProcessEventBus implements EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);

    private final CopyOnWriteArrayList<Consumer<ConversationEvent>> listeners = new CopyOnWriteArrayList<>();

    public InProcessEventBus(MeterRegistry meters) {
        Gauge.builder("postline.events.subscribers", listeners, List::size)
                .description("listeners of conversation events in this process (open event streams, mostly)").register(meters);
    }

    @Override
    public void publish(ConversationEvent event) {
        for (Consumer<ConversationEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("An event listener failed on {} of conversation {}", event.type(), event.conversationId(), e);
            }
        }
    }

    /** How many listeners (open event streams, mostly) are subscribed now. */
    public int subscribers() {
        return listeners.size();
    }

    @Override
    public AutoCloseable subscribe(Consumer<ConversationEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
