package dev.postline.core.agentapi;

import dev.postline.core.branding.StandardResponse;
import dev.postline.core.branding.StandardResponseService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * The standard responses an agent may insert into a conversation: tenant-wide ones and those of
 * the conversation's touchpoint, each marked with its scope. Who may call: every role, for
 * conversations the caller can see.
 */
@Controller("/api/v1/conversations/{conversationId}/standard-responses")
@Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
public class ConversationStandardResponsesController {

    @Serdeable
    public record Available(UUID id, String name, String scope, @Nullable String text, @Nullable String html) {
        static Available of(StandardResponse r) {
            return new Available(r.id(), r.name(), r.touchpointId() == null ? "TENANT" : "TOUCHPOINT", r.bodyText(), r.bodyHtml());
        }
    }

    private final StandardResponseService responses;
    private final Viewers viewers;

    public ConversationStandardResponsesController(StandardResponseService responses, Viewers viewers) {
        this.responses = responses;
        this.viewers = viewers;
    }

    @Get
    public List<Available> list(@Authenticated Caller caller, @PathVariable UUID conversationId) {
        return responses.forConversation(viewers.of(caller), conversationId).stream().map(Available::of).toList();
    }

    /** The response with the variables filled for this conversation and the calling agent: {text, html}. */
    @Post("/{responseId}/render")
    public StandardResponseService.Rendered render(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                                   @PathVariable UUID responseId) {
        return responses.render(viewers.of(caller), conversationId, responseId);
    }
}
