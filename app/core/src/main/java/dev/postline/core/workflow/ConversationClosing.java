package dev.postline.core.workflow;

import dev.postline.core.conversation.Closing;
import dev.postline.core.conversation.ClosingRepository;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationRule;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.ConversationStates;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.disposition.Disposition;
import dev.postline.core.disposition.DispositionService;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Closing a conversation with a disposition: it must be one the conversation's touchpoint offers
 * (its own list, else the tenant's; active only), and is required when the touchpoint says
 * {@code dispositionRequired=true}. Every closing is kept in the history with its disposition, so a
 * reopened conversation (which carries none) still shows how each earlier closing ended.
 */
@Singleton
public class ConversationClosing {

    private final ConversationService conversations;
    private final ConversationStates states;
    private final ClosingRepository closings;
    private final DispositionService dispositions;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settings;
    private final TenantTransactions tx;
    private final Clock clock;

    public ConversationClosing(ConversationService conversations, ConversationStates states, ClosingRepository closings,
                               DispositionService dispositions, TouchpointRepository touchpoints, TouchpointSettingsCodec settings,
                               TenantTransactions tx, Clock clock) {
        this.conversations = conversations;
        this.states = states;
        this.closings = closings;
        this.dispositions = dispositions;
        this.touchpoints = touchpoints;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** The dispositions the viewer may close this conversation with. */
    public List<Disposition> dispositions(Viewer viewer, UUID conversationId) {
        return tx.read(viewer.tenant(), () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            return dispositions.effective(viewer.tenant(), c.touchpointId());
        });
    }

    /** Closes it (409 when it is already closed) and records the closing, with its disposition, in the history. */
    public Conversation close(Viewer viewer, UUID conversationId, @Nullable UUID dispositionId, @Nullable Long version) {
        TenantId tenant = viewer.tenant();
        return states.apply(tenant, () -> conversations.requireVisible(viewer, conversationId), version, c -> {
            Conversation closed = ConversationRule.close(c, dispositionId);
            requireOffered(tenant, c, dispositionId);
            return ConversationStates.Step.to(closed, ConversationEvent.Type.STATUS_CHANGED)
                    .with(() -> closings.save(new Closing(UUID.randomUUID(), tenant.value(), c.id(), dispositionId, viewer.userId(),
                            clock.instant())));
        });
    }

    /** A closing with the name its disposition has now. */
    public record Entry(Closing closing, @Nullable String dispositionName) {}

    /** Every closing of the conversation, oldest first, with the disposition each was closed with. */
    public List<Entry> history(Viewer viewer, UUID conversationId) {
        TenantId tenant = viewer.tenant();
        return tx.read(tenant, () -> {
            conversations.requireVisible(viewer, conversationId);
            Map<UUID, String> names = dispositions.list(tenant).stream().collect(Collectors.toMap(Disposition::id, Disposition::name));
            return closings.findByTenantIdAndConversationIdOrderByClosedAt(tenant.value(), conversationId).stream()
                    .map(c -> new Entry(c, c.dispositionId() == null ? null : names.get(c.dispositionId()))).toList();
        });
    }

    private void requireOffered(TenantId tenant, Conversation c, @Nullable UUID dispositionId) {
        Touchpoint touchpoint = touchpoints.findByTenantIdAndId(tenant.value(), c.touchpointId()).orElseThrow();
        if (dispositionId == null) {
            if (WorkflowPolicy.from(settings.read(touchpoint.settings())).dispositionRequired()) {
                throw invalid("the touchpoint '" + touchpoint.displayName()
                        + "' requires a disposition to close a conversation; choose one of GET /api/v1/conversations/"
                        + c.id() + "/dispositions");
            }
        } else if (dispositions.effective(tenant, c.touchpointId()).stream().noneMatch(d -> d.id().equals(dispositionId))) {
            throw invalid("not a disposition this conversation can be closed with (unknown, inactive, or not offered on its touchpoint)");
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid("dispositionId", message);
    }
}
