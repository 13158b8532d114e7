package dev.postline.core.agentapi;

import dev.postline.core.conversation.ConversationQuery;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.conversation.ConversationStatus;
import dev.postline.core.conversation.NoteService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.outbound.ComposeRequest;
import dev.postline.core.outbound.ForwardRequest;
import dev.postline.core.outbound.ReplyService;
import dev.postline.core.security.Roles;
import io.micronaut.http.annotation.Body;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import java.util.List;
import java.util.UUID;

/**
 * Conversations for agents and portals. Who may call: every role of the tenant; agents see the
 * conversations queued to their ring groups or assigned to them, supervisors and admins see all.
 */
@Controller("/api/v1/conversations")
@Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
public class ConversationsController {

    private final ConversationService conversations;
    private final NoteService notes;
    private final ReplyService replies;
    private final Viewers viewers;
    private final ConversationViews views;
    private final dev.postline.core.workflow.ConversationClosing closing;

    public ConversationsController(ConversationService conversations, NoteService notes, ReplyService replies, Viewers viewers,
                                   ConversationViews views, dev.postline.core.workflow.ConversationClosing closing) {
        this.closing = closing;
        this.conversations = conversations;
        this.notes = notes;
        this.replies = replies;
        this.viewers = viewers;
        this.views = views;
    }

    /** An outbound message accepted for sending; {@code id} and {@code messageId} are the same message. */
    @Serdeable
    public record Queued(UUID id, UUID messageId, String status) {
        public static Queued of(dev.postline.core.conversation.MailMessage m) {
            return new Queued(m.id(), m.id(), m.deliveryStatus().name());
        }
    }

    /**
     * Replies to the customer (or {@code to}) from the conversation's touchpoint (or
     * {@code touchpointId}). Written durably with its outbox entry and answered 202: sending happens
     * in the background; the message shows its delivery status.
     */
    @Post("/{conversationId}/reply")
    public HttpResponse<Queued> reply(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                      @Body ComposeRequest request) {
        return HttpResponse.accepted().body(Queued.of(replies.reply(viewers.of(caller), caller.principalId(), conversationId, request)));
    }

    /** Replies to the customer and every other recipient of the answered message except the tenant's own addresses. */
    @Post("/{conversationId}/reply-all")
    public HttpResponse<Queued> replyAll(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                         @Body ComposeRequest request) {
        return HttpResponse.accepted().body(Queued.of(replies.replyAll(viewers.of(caller), caller.principalId(), conversationId, request)));
    }

    /** Forwards a message of the conversation (quoted or as .eml, per touchpoint); it stays in this conversation. */
    @Post("/{conversationId}/forward")
    public HttpResponse<Queued> forward(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                        @Body ForwardRequest request) {
        return HttpResponse.accepted().body(Queued.of(replies.forward(viewers.of(caller), caller.principalId(), conversationId, request)));
    }

    /**
     * The caller's queue, newest activity first. Blocked senders' conversations appear only with
     * {@code blocked=true}. {@code reportService}: only conversations counted under this report
     * service name (the snapshot taken when each was created; case-insensitive, exact otherwise).
     */
    @Get
    public ConversationViews.PageView list(@Authenticated Caller caller, @Nullable @QueryValue ConversationStatus status,
                                           @Nullable @QueryValue UUID touchpointId, @Nullable @QueryValue String assigned,
                                           @Nullable @QueryValue Boolean unread, @Nullable @QueryValue Boolean blocked,
                                           @Nullable @QueryValue String reportService,
                                           @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        Viewer viewer = viewers.of(caller);
        var page = conversations.list(viewer,
                ConversationQuery.of(status, touchpointId, assigned, unread, blocked, reportService, cursor, limit));
        List<ConversationViews.Summary> items = views.summaries(viewer, page.items());
        return new ConversationViews.PageView(items, page.nextCursor());
    }

    /** One conversation with its messages in order; HTML is sanitised and inline images point at this API. */
    @Get("/{conversationId}")
    public ConversationViews.DetailView get(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        return views.detail(conversations.get(viewers.of(caller), conversationId));
    }

    /** Adds an internal note: never sent, visible to the tenant's users who can see the conversation. */
    @Post("/{conversationId}/notes")
    public HttpResponse<ConversationViews.NoteView> addNote(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                                            @Body NoteService.NewNote note) {
        return HttpResponse.created(ConversationViews.note(notes.add(viewers.of(caller), conversationId, note)));
    }

    @Get("/{conversationId}/notes")
    public List<ConversationViews.NoteView> notes(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        return notes.list(viewers.of(caller), conversationId).stream().map(ConversationViews::note).toList();
    }

    /** Takes it (a supervisor or admin also from a colleague); 409 naming the holder when an agent finds it taken. */
    @Post("/{conversationId}/claim")
    public ConversationViews.Summary claim(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                           @Nullable @Body StateChange request) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, conversations.claim(viewer, conversationId, StateChange.of(request)));
    }

    /** Unassigns it: its assignee, a supervisor or an admin; 409 when nobody holds it. */
    @Post("/{conversationId}/release")
    public ConversationViews.Summary release(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                             @Nullable @Body StateChange request) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, conversations.release(viewer, conversationId, StateChange.of(request)));
    }

    @Post("/{conversationId}/read")
    public ConversationViews.Summary read(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, conversations.markRead(viewer, conversationId, true));
    }

    @Post("/{conversationId}/unread")
    public ConversationViews.Summary unread(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, conversations.markRead(viewer, conversationId, false));
    }

    @Serdeable
    public record CloseRequest(@Nullable UUID dispositionId, @Nullable Long version) {}

    /** Optional body of a state change: {@code version} = the version the caller saw; 409 if it moved on. */
    @Serdeable
    public record StateChange(@Nullable Long version) {
        static @Nullable Long of(@Nullable StateChange body) {
            return body == null ? null : body.version();
        }
    }

    /**
     * Closes with an optional disposition, required when the touchpoint's {@code dispositionRequired} is true;
     * 409 when it is closed already. The closing is kept in {@code GET …/closings}.
     */
    @Post("/{conversationId}/close")
    public ConversationViews.Summary close(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                           @Nullable @Body CloseRequest request) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, closing.close(viewer, conversationId, request == null ? null : request.dispositionId(),
                request == null ? null : request.version()));
    }

    /** Opens it again without the disposition of its closing (which stays in {@code GET …/closings}); 409 when it is open. */
    @Post("/{conversationId}/reopen")
    public ConversationViews.Summary reopen(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                            @Nullable @Body StateChange request) {
        Viewer viewer = viewers.of(caller);
        return views.summary(viewer, conversations.reopen(viewer, conversationId, StateChange.of(request)));
    }

    /** The message exactly as received, as an .eml download. */
    @Get("/{conversationId}/messages/{messageId}/raw")
    public HttpResponse<byte[]> raw(@Authenticated Caller caller, @PathVariable UUID conversationId, @PathVariable UUID messageId) {
        return download(conversations.raw(viewers.of(caller), conversationId, messageId));
    }

    /**
     * The {@code to} or {@code cc} of one message, a page at a time ({@code offset} from 0,
     * {@code limit} up to 1,000, default 500): the message itself shows only the first 100 of each.
     */
    @Get("/{conversationId}/messages/{messageId}/recipients")
    public ConversationViews.RecipientPage recipients(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                                      @PathVariable UUID messageId, @Nullable @QueryValue String field,
                                                      @Nullable @QueryValue Integer offset, @Nullable @QueryValue Integer limit) {
        return views.recipients(conversations.message(viewers.of(caller), conversationId, messageId), field, offset, limit);
    }

    @Get("/{conversationId}/attachments/{attachmentId}")
    public HttpResponse<byte[]> attachment(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                           @PathVariable UUID attachmentId) {
        return download(conversations.attachment(viewers.of(caller), conversationId, attachmentId));
    }

    private static HttpResponse<byte[]> download(ConversationService.Content content) {
        // Always a download, never rendered by the browser in our origin; the name is quoted safely.
        String safeName = content.fileName().replaceAll("[^A-Za-z0-9._ -]", "_");
        return HttpResponse.ok(content.bytes())
                .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + safeName + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Postline-Content-Type", content.contentType().replaceAll("[\\r\\n]", ""));
    }

}
