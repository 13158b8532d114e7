package dev.postline.core.agentapi;

import dev.postline.core.conversation.Viewer;
import dev.postline.core.disposition.Disposition;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.workflow.ConversationClosing;
import dev.postline.core.workflow.ConversationTransfer;
import dev.postline.core.workflow.TransferService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Dispositions and transfers of a conversation, for agents. Who may call: every role of the tenant,
 * on conversations they can see; transferring needs the assignment (or a supervisor or admin role),
 * answering an offer needs to be the agent it was made to.
 */
@Controller("/api/v1/conversations")
@Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
public class ConversationWorkflowController {

    @Serdeable
    public record DispositionView(UUID id, String name) {
        static DispositionView of(Disposition d) {
            return new DispositionView(d.id(), d.name());
        }
    }

    @Serdeable
    public record TransferView(UUID id, @Nullable UUID byUserId, UUID targetUserId, String status, Instant createdAt, Instant expiresAt) {
        static TransferView of(ConversationTransfer t) {
            return new TransferView(t.id(), t.byUserId(), t.targetUserId(), t.status().name(), t.createdAt(), t.expiresAt());
        }
    }

    /** One closing of a conversation: when, by whom (null: an API client, or before closings were recorded), with what. */
    @Serdeable
    public record ClosingView(Instant closedAt, @Nullable UUID closedByUserId, @Nullable UUID dispositionId,
                              @Nullable String dispositionName) {}

    /** The offer waiting for an answer, or null. */
    @Serdeable
    public record TransferState(@Nullable TransferView pending) {}

    private final ConversationClosing closing;
    private final TransferService transfers;
    private final Viewers viewers;
    private final ConversationViews views;

    public ConversationWorkflowController(ConversationClosing closing, TransferService transfers, Viewers viewers,
                                          ConversationViews views) {
        this.closing = closing;
        this.transfers = transfers;
        this.viewers = viewers;
        this.views = views;
    }

    /** What this conversation can be closed with: its touchpoint's own list, else the tenant's; active ones only. */
    @Get("/{conversationId}/dispositions")
    public List<DispositionView> dispositions(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        return closing.dispositions(viewers.of(caller), conversationId).stream().map(DispositionView::of).toList();
    }

    /** Every closing of the conversation, oldest first, each with its disposition — also those of closings since reopened. */
    @Get("/{conversationId}/closings")
    public List<ClosingView> closings(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        return closing.history(viewers.of(caller), conversationId).stream()
                .map(e -> new ClosingView(e.closing().closedAt(), e.closing().closedByUserId(), e.closing().dispositionId(), e.dispositionName()))
                .toList();
    }

    /** {@code {"ringGroupId": …}} moves it to that queue, unassigned; {@code {"userId": …}} offers it to that agent. */
    @Post("/{conversationId}/transfer")
    public ConversationViews.Summary transfer(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                              @Body TransferService.TransferRequest request) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, transfers.transfer(viewer, conversationId, request));
    }

    @Get("/{conversationId}/transfer")
    public TransferState transferState(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        return new TransferState(transfers.pending(viewers.of(caller), conversationId).map(TransferView::of).orElse(null));
    }

    @Post("/{conversationId}/transfer/accept")
    public ConversationViews.Summary accept(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                            @Nullable @Body ConversationsController.StateChange request) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, transfers.accept(viewer, conversationId, ConversationsController.StateChange.of(request)));
    }

    @Post("/{conversationId}/transfer/decline")
    public ConversationViews.Summary decline(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                             @Nullable @Body ConversationsController.StateChange request) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, transfers.decline(viewer, conversationId, ConversationsController.StateChange.of(request)));
    }
}
