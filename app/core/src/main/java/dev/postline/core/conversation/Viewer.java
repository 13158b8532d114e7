package dev.postline.core.conversation;

import dev.postline.core.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import java.util.Set;
import java.util.UUID;

/**
 * Whose eyes a conversation query is for. Supervisors and admins see every conversation of the
 * tenant; an agent sees those queued to one of their ring groups and those assigned to them.
 */
public record Viewer(TenantId tenant, @Nullable UUID userId, boolean seesAll, Set<UUID> groupIds) {

    public boolean maySee(Conversation c, Set<UUID> queue) {
        if (!c.tenantId().equals(tenant.value())) {
            return false;
        }
        return seesAll || (userId != null && userId.equals(c.assignedUserId())) || queue.stream().anyMatch(groupIds::contains);
    }
}
