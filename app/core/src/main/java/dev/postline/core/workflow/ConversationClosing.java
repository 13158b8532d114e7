package dev.postline.core.workflow;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.ConversationStatus;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.disposition.Disposition;
import dev.postline.core.disposition.DispositionService;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Closing a conversation with a disposition: it must be one the conversation's touchpoint offers
 * (its own list, else the tenant's; active only), and is required when the touchpoint says
 * {@code dispositionRequired=true}.
 */
@Singleton
public class ConversationClosing {

    private final ConversationService conversations;
    private final ConversationRepository repository;
    private final DispositionService dispositions;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settings;
    private final QueueRouter router;
    private final TenantTransactions tx;
    private final EventBus events;
    private final Clock clock;

    public ConversationClosing(ConversationService conversations, ConversationRepository repository, DispositionService dispositions,
                               TouchpointRepository touchpoints, TouchpointSettingsCodec settings, QueueRouter router,
                               TenantTransactions tx, EventBus events, Clock clock) {
        this.conversations = conversations;
        this.repository = repository;
        this.dispositions = dispositions;
        this.touchpoints = touchpoints;
        this.settings = settings;
        this.router = router;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** The dispositions the viewer may close this conversation with. */
    public List<Disposition> dispositions(Viewer viewer, UUID conversationId) {
        return tx.read(viewer.tenant(), () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            return dispositions.effective(viewer.tenant(), c.touchpointId());
        });
    }

    public Conversation close(Viewer viewer, UUID conversationId, @Nullable UUID dispositionId) {
        Conversation closed = tx.write(viewer.tenant(), () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            Touchpoint touchpoint = touchpoints.findByTenantIdAndId(viewer.tenant().value(), c.touchpointId()).orElseThrow();
            if (dispositionId == null) {
                if (WorkflowPolicy.from(settings.read(touchpoint.settings())).dispositionRequired()) {
                    throw invalid("the touchpoint '" + touchpoint.displayName()
                            + "' requires a disposition to close a conversation; choose one of GET /api/v1/conversations/"
                            + conversationId + "/dispositions");
                }
            } else if (dispositions.effective(viewer.tenant(), c.touchpointId()).stream().noneMatch(d -> d.id().equals(dispositionId))) {
                throw invalid("not a disposition this conversation can be closed with (unknown, inactive, or not offered on its touchpoint)");
            }
            return repository.update(c.withStatus(ConversationStatus.CLOSED).withDisposition(dispositionId));
        });
        events.publish(new ConversationEvent(ConversationEvent.Type.STATUS_CHANGED, viewer.tenant(), closed.id(), null,
                tx.read(viewer.tenant(), () -> router.queueOf(viewer.tenant(), closed.id())), closed.assignedUserId(), clock.instant()));
        return closed;
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid("dispositionId", message);
    }
}
