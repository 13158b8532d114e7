package dev.postline.core.branding;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** The {@link MessageVariables} of a real conversation, with the given user as the agent (none: empty values). */
@Singleton
public class ConversationVariables {

    private final UserRepository users;

    public ConversationVariables(UserRepository users) {
        this.users = users;
    }

    /** Call inside a tenant transaction of {@code tenant}. */
    public MessageVariables of(TenantId tenant, Conversation c, Touchpoint t, @Nullable UUID agentUserId) {
        Optional<UserAccount> agent = agentUserId == null ? Optional.empty() : users.findByTenantIdAndId(tenant.value(), agentUserId);
        return new MessageVariables(c.id(), c.number(), c.subject(), c.customerName(), c.customerAddress(),
                agent.map(UserAccount::displayName).orElse(null), agent.map(UserAccount::email).orElse(null),
                t.displayName(), t.address());
    }
}
