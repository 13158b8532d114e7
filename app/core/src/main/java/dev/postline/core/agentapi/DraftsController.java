package dev.postline.core.agentapi;

import dev.postline.core.draft.DraftInput;
import dev.postline.core.draft.DraftService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's drafts of a conversation. Who may call: signed-in users who can see the
 * conversation (API keys act for nobody and get 403); a draft is visible to its author only.
 */
@Controller("/api/v1/conversations/{conversationId}/drafts")
@Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
public class DraftsController {

    @Serdeable
    public record DraftView(UUID id, UUID conversationId, String kind, List<String> to, List<String> cc, List<String> bcc,
                            @Nullable String subject, @Nullable String text, @Nullable String html, List<UUID> attachments,
                            @Nullable UUID touchpointId, @Nullable UUID messageId, long version, Instant createdAt, Instant updatedAt) {}

    private final DraftService drafts;
    private final Viewers viewers;

    public DraftsController(DraftService drafts, Viewers viewers) {
        this.drafts = drafts;
        this.viewers = viewers;
    }

    @Post
    public HttpResponse<DraftView> create(@Authenticated Caller caller, @PathVariable UUID conversationId, @Body DraftInput input) {
        return HttpResponse.created(view(drafts.create(viewers.of(caller), conversationId, input)));
    }

    @Get
    public List<DraftView> list(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        return drafts.list(viewers.of(caller), conversationId).stream().map(this::view).toList();
    }

    /** Autosave: replaces the whole draft; 409 when {@code version} is not the stored one. */
    @Put("/{draftId}")
    public DraftView save(@Authenticated Caller caller, @PathVariable UUID conversationId, @PathVariable UUID draftId,
                          @Body DraftInput input) {
        return view(drafts.save(viewers.of(caller), conversationId, draftId, input));
    }

    @Delete("/{draftId}")
    public HttpResponse<Void> discard(@Authenticated Caller caller, @PathVariable UUID conversationId, @PathVariable UUID draftId) {
        drafts.discard(viewers.of(caller), conversationId, draftId);
        return HttpResponse.noContent();
    }

    /** Sends the draft: it becomes an outbound message (202, QUEUED) and is gone; a second send is a 404. */
    @Post("/{draftId}/send")
    public HttpResponse<ConversationsController.Queued> send(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                                            @PathVariable UUID draftId) {
        return HttpResponse.accepted().body(ConversationsController.Queued.of(drafts.send(viewers.of(caller), conversationId, draftId)));
    }

    private DraftView view(DraftService.Full f) {
        var d = f.draft();
        return new DraftView(d.id(), d.conversationId(), d.kind(), drafts.strings(d.toAddresses()), drafts.strings(d.ccAddresses()),
                drafts.strings(d.bccAddresses()), d.subject(), d.textBody(), d.htmlBody(), f.attachments(), d.touchpointId(),
                d.forwardMessageId(), d.version(), d.createdAt(), d.updatedAt());
    }
}
