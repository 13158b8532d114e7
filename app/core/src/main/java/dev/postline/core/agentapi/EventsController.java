package dev.postline.core.agentapi;

import dev.postline.core.conversation.Viewer;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Server-Sent Events for one caller: new conversations in their queues, new messages and
 * assignment or status changes on conversations they can see. Events carry ids only; details come
 * from the API, which checks access again. Ring-group membership is read when the stream opens.
 * Who may call: every role of the tenant.
 */
@Controller("/api/v1/events")
@Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
public class EventsController {

    @Serdeable
    public record EventView(String type, @Nullable UUID conversationId, @Nullable UUID messageId, @Nullable UUID assignedUserId,
                            Instant at) {}

    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    /**
     * Events held for one stream whose client does not read. Beyond this the stream ends (the
     * client reconnects and re-reads its queue from the API; events carry ids only, so nothing is
     * lost that the API does not have) instead of growing in memory without bound.
     */
    static final int MAX_PENDING = 2_000;

    private final EventBus bus;
    private final Viewers viewers;

    public EventsController(EventBus bus, Viewers viewers) {
        this.bus = bus;
        this.viewers = viewers;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<EventView>> stream(@Authenticated Caller caller) {
        Viewer viewer = viewers.of(caller);
        Flux<Event<EventView>> events = Flux.create((FluxSink<Event<EventView>> sink) -> {
            AutoCloseable subscription = bus.subscribe(event -> {
                if (visible(viewer, event)) {
                    sink.next(Event.of(new EventView(event.type().name(), event.conversationId(), event.messageId(),
                            event.assignedUserId(), event.at())).name(event.type().name().toLowerCase()));
                }
            });
            sink.onDispose(() -> {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // Removing a listener cannot fail in a way worth reporting.
                }
            });
        }, FluxSink.OverflowStrategy.IGNORE).onBackpressureBuffer(MAX_PENDING, BufferOverflowStrategy.ERROR);
        // Keeps proxies from closing an idle stream, and lets clients notice a dead one.
        Flux<Event<EventView>> heartbeat = Flux.interval(HEARTBEAT)
                .map(tick -> Event.of(new EventView("HEARTBEAT", null, null, null, Instant.now())).name("heartbeat"));
        return Flux.merge(events, heartbeat);
    }

    /** The tenant boundary and the queue rule, applied to every event before it leaves. */
    static boolean visible(Viewer viewer, ConversationEvent event) {
        if (!event.tenant().equals(viewer.tenant())) {
            return false;
        }
        return viewer.seesAll()
                || (viewer.userId() != null && viewer.userId().equals(event.assignedUserId()))
                || event.queueGroupIds().stream().anyMatch(viewer.groupIds()::contains);
    }
}
