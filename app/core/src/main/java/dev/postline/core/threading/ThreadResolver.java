package dev.postline.core.threading;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.ingest.IncomingMail;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The threading rule. Scoped to tenant + touchpoint, in this order: our own signed Message-ID in
 * In-Reply-To/References, then In-Reply-To and References matched against stored messages (newest
 * reference first), then a subject token such as {@code [#1234]}. No match: a new conversation.
 * Must run inside the tenant's transaction.
 */
@Singleton
public class ThreadResolver {

    private static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[#(\\d{1,18})\\]");

    private final ThreadTokens tokens;
    private final ConversationRepository conversations;
    private final MailMessageRepository messages;

    public ThreadResolver(ThreadTokens tokens, ConversationRepository conversations, MailMessageRepository messages) {
        this.tokens = tokens;
        this.conversations = conversations;
        this.messages = messages;
    }

    public Optional<Conversation> resolve(TenantId tenant, UUID touchpointId, IncomingMail mail) {
        for (String id : mail.answeredIds()) {
            Optional<Conversation> signed = tokens.conversationOf(tenant, touchpointId, id)
                    .flatMap(conversationId -> conversations.findByTenantIdAndId(tenant.value(), conversationId))
                    .filter(c -> c.touchpointId().equals(touchpointId));
            if (signed.isPresent()) {
                return signed;
            }
        }
        for (String id : mail.answeredIds()) {
            Optional<Conversation> known = messages.findByTenantIdAndTouchpointIdAndMessageIdHeader(tenant.value(), touchpointId, id)
                    .stream().findFirst().map(MailMessage::conversationId)
                    .flatMap(conversationId -> conversations.findByTenantIdAndId(tenant.value(), conversationId));
            if (known.isPresent()) {
                return known;
            }
        }
        Matcher token = SUBJECT_TOKEN.matcher(mail.subject());
        while (token.find()) {
            Optional<Conversation> numbered = conversations.findByTenantIdAndTouchpointIdAndNumber(
                    tenant.value(), touchpointId, Long.parseLong(token.group(1)));
            if (numbered.isPresent()) {
                return numbered;
            }
        }
        return Optional.empty();
    }
}
