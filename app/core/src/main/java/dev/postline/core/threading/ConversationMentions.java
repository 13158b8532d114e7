package dev.postline.core.threading;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The "mentions #1079" links between conversations: written by ingestion, read by the conversation API. */
@Singleton
public class ConversationMentions {

    private final ConversationMentionRepository mentions;
    private final TenantTransactions tx;

    public ConversationMentions(ConversationMentionRepository mentions, TenantTransactions tx) {
        this.mentions = mentions;
        this.tx = tx;
    }

    /** Links a conversation to those it mentions; call inside the tenant's write transaction that created it. */
    public void record(TenantId tenant, Conversation conversation, List<Conversation> mentioned, Instant at) {
        for (Conversation other : mentioned) {
            mentions.save(new ConversationMention(UUID.randomUUID(), tenant.value(), conversation.id(), other.id(), other.number(), at));
        }
    }

    /** The links of these conversations of the tenant (one query), by conversation. */
    public Map<UUID, List<ConversationMention>> of(TenantId tenant, Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return tx.read(tenant, () -> mentions.findByTenantIdAndConversationIdInListOrderByMentionedNumber(tenant.value(), conversationIds))
                .stream().collect(Collectors.groupingBy(ConversationMention::conversationId));
    }
}
