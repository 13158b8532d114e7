package dev.postline.core.autoreply;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import dev.postline.core.branding.BrandingHtml;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A touchpoint's auto-reply settings: read and replaced by admins; can be saved inactive and switched on later.
 * {@code perSenderHours} 0 means no per-sender window: every new conversation gets its auto-reply.
 */
@Singleton
public class AutoReplyService {

    static final int DEFAULT_PER_SENDER_HOURS = 3;
    /** No per-sender window: one auto-reply for every new conversation. */
    public static final int EVERY_NEW_CONVERSATION = 0;
    static final int MAX_PER_SENDER_HOURS = 24 * 30;

    @Serdeable
    public record AutoReplyInput(@Nullable String subject, @Nullable String html, @Nullable String text, @Nullable Boolean active,
                                 @Nullable Integer perSenderHours) {}

    private final AutoReplyRepository autoReplies;
    private final TouchpointRepository touchpoints;
    private final TenantTransactions tx;
    private final Clock clock;

    public AutoReplyService(AutoReplyRepository autoReplies, TouchpointRepository touchpoints, TenantTransactions tx, Clock clock) {
        this.autoReplies = autoReplies;
        this.touchpoints = touchpoints;
        this.tx = tx;
        this.clock = clock;
    }

    /** The touchpoint's auto-reply; an inactive empty one when none was saved yet. */
    public AutoReply get(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            return autoReplies.findByTenantIdAndTouchpointId(tenant.value(), touchpointId)
                    .orElse(new AutoReply(null, tenant.value(), touchpointId, "", null, null, false, DEFAULT_PER_SENDER_HOURS, Instant.EPOCH));
        });
    }

    public AutoReply put(TenantId tenant, UUID touchpointId, AutoReplyInput input) {
        InputCheck in = InputCheck.start();
        String subject = input.subject() == null ? "" : input.subject();
        in.check(!InputCheck.hasControl(subject), "subject",
                "must not contain line breaks or control characters");
        in.check(subject.length() <= 998, "subject", "must be at most 998 characters");
        boolean active = Boolean.TRUE.equals(input.active());
        boolean hasBody = input.text() != null && !input.text().isBlank() || input.html() != null && !input.html().isBlank();
        in.check(!active || hasBody, "text", "an active auto-reply needs a text or an HTML body");
        in.check(input.text() == null || input.text().length() <= 100_000, "text", "must be at most 100000 characters");
        in.check(input.html() == null || input.html().length() <= 200_000, "html", "must be at most 200000 characters");
        // Placeholders are filled per conversation when the auto-reply goes out; a misspelt one is refused now.
        BrandingHtml.checkVariables(in, "subject", subject);
        if (input.text() != null) {
            BrandingHtml.checkVariables(in, "text", input.text());
        }
        if (input.html() != null) {
            BrandingHtml.checkVariables(in, "html", input.html());
        }
        int hours = input.perSenderHours() == null ? DEFAULT_PER_SENDER_HOURS : input.perSenderHours();
        in.check(hours >= EVERY_NEW_CONVERSATION && hours <= MAX_PER_SENDER_HOURS, "perSenderHours",
                "must be from 1 to " + MAX_PER_SENDER_HOURS + ", or 0 for one auto-reply per new conversation");
        in.orThrow();
        // The admin's HTML goes to customers as written by us: scripts, handlers and the like never survive.
        // Same allow-list as signatures and templates, placeholders kept intact for the sender to fill.
        String html = input.html() == null || input.html().isBlank() ? null : BrandingHtml.sanitize(input.html());
        String text = input.text() == null || input.text().isBlank() ? null : input.text();
        Instant now = clock.instant();
        return tx.write(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            return autoReplies.findByTenantIdAndTouchpointId(tenant.value(), touchpointId)
                    .map(existing -> autoReplies.update(new AutoReply(existing.id(), tenant.value(), touchpointId, subject.strip(), html,
                            text, active, hours, now)))
                    .orElseGet(() -> autoReplies.save(new AutoReply(UUID.randomUUID(), tenant.value(), touchpointId, subject.strip(),
                            html, text, active, hours, now)));
        });
    }

    private void requireTouchpoint(TenantId tenant, UUID touchpointId) {
        touchpoints.findByTenantIdAndId(tenant.value(), touchpointId).orElseThrow(() -> ApiException.notFound("touchpoint"));
    }
}
