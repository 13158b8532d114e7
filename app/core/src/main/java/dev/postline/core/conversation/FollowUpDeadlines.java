package dev.postline.core.conversation;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every second, returns to the queue the follow-ups whose assigned agent did not take them
 * within the touchpoint's "wait for assigned agent" time (taking = claiming or reading).
 */
@Singleton
@Requires(property = "postline.sync.enabled", notEquals = "false")
public class FollowUpDeadlines {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpDeadlines.class);

    private final TenantRepository tenants;
    private final ConversationService conversations;
    private final TenantTransactions tx;

    public FollowUpDeadlines(TenantRepository tenants, ConversationService conversations, TenantTransactions tx) {
        this.tenants = tenants;
        this.conversations = conversations;
        this.tx = tx;
    }

    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void releaseOverdue() {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            int released = conversations.releaseOverdue(tenant.tenantId());
            if (released > 0) {
                LOG.info("Returned {} follow-ups of tenant {} to their queues", released, tenant.id());
            }
        }
    }
}
