package dev.postline.tenantadmin.api;

import dev.postline.core.autoreply.AutoReply;
import dev.postline.core.autoreply.AutoReplyService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A touchpoint's auto-reply: sent once on the first message of a new conversation while active,
 * never to automated mail, at most once per sender per {@code perSenderHours} (0: no per-sender limit,
 * one auto-reply for every new conversation). Who may call: admins.
 */
@Controller("/api/v1/touchpoints/{touchpointId}/auto-reply")
@Secured(Roles.ADMIN)
public class AutoReplyController {

    @Serdeable
    public record AutoReplyView(UUID touchpointId, String subject, @Nullable String html, @Nullable String text, boolean active,
                                int perSenderHours, @Nullable Instant updatedAt) {
        static AutoReplyView of(AutoReply a) {
            return new AutoReplyView(a.touchpointId(), a.subject(), a.htmlBody(), a.textBody(), a.active(), a.perSenderHours(),
                    a.id() == null ? null : a.updatedAt());
        }
    }

    private final AutoReplyService autoReplies;

    public AutoReplyController(AutoReplyService autoReplies) {
        this.autoReplies = autoReplies;
    }

    @Get
    public AutoReplyView get(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return AutoReplyView.of(autoReplies.get(caller.tenant(), touchpointId));
    }

    /** Replaces the auto-reply; HTML is sanitised; {@code subject} empty means "Re: " + the customer's subject. */
    @Put
    public AutoReplyView put(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                             @Body AutoReplyService.AutoReplyInput input) {
        return AutoReplyView.of(autoReplies.put(caller.tenant(), touchpointId, input));
    }
}
