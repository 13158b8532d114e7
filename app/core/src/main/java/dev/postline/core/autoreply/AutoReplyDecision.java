package dev.postline.core.autoreply;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.MessageFlag;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whether the first message of a new conversation gets the touchpoint's auto-reply. Runs inside
 * the ingest transaction and records a yes as an {@link AutoReplyLog} row, so the decision commits
 * (or not) with the conversation: never lost, never taken twice. Cheap by design: one lookup when
 * the touchpoint has no active auto-reply, one count more when it has.
 */
@Singleton
public class AutoReplyDecision {

    /** Mail that must never be answered automatically (RFC 3834): automated, bounces, lists, loops, ourselves, blocked senders. */
    static final Set<MessageFlag> NEVER = EnumSet.of(MessageFlag.AUTO_SUBMITTED, MessageFlag.BOUNCE, MessageFlag.LIST, MessageFlag.LOOP,
            MessageFlag.OWN_ADDRESS, MessageFlag.BLOCKED);

    private final AutoReplyRepository autoReplies;
    private final AutoReplyLogRepository log;
    private final Clock clock;

    public AutoReplyDecision(AutoReplyRepository autoReplies, AutoReplyLogRepository log, Clock clock) {
        this.autoReplies = autoReplies;
        this.log = log;
        this.clock = clock;
    }

    /** The log row to send from, if this message is answered. Call inside the tenant's ingest transaction. */
    public Optional<UUID> decide(TenantId tenant, Touchpoint touchpoint, Conversation conversation, UUID inboundMessageId,
                                 Set<MessageFlag> flags) {
        if (!touchpoint.enabled() || !touchpoint.direction().sends() || flags.stream().anyMatch(NEVER::contains)) {
            return Optional.empty();
        }
        Optional<AutoReply> config = autoReplies.findByTenantIdAndTouchpointId(tenant.value(), touchpoint.id()).filter(AutoReply::active);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        String sender = conversation.customerAddress().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(config.get().perSenderHours()));
        if (config.get().perSenderHours() != AutoReplyService.EVERY_NEW_CONVERSATION && log.countByTenantIdAndTouchpointIdAndSenderAddressAndCreatedAtGreaterThan(tenant.value(), touchpoint.id(), sender, since) > 0) {
            return Optional.empty();
        }
        return Optional.of(log.save(new AutoReplyLog(UUID.randomUUID(), tenant.value(), touchpoint.id(), sender, conversation.id(),
                inboundMessageId, null, now)).id());
    }
}
