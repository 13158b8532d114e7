package dev.postline.core.conversation;

import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.Role;
import io.micronaut.core.annotation.Nullable;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Whose eyes a conversation query is for. Supervisors and admins see every conversation of the
 * tenant; an agent sees those queued to one of their ring groups and those assigned to them.
 * {@code roles} are the caller's tenant roles (an API key's role, too): seeing a conversation is
 * not yet reading it — the touchpoint's preview permissions decide that per role
 * ({@code core/preview}).
 */
public record Viewer(TenantId tenant, @Nullable UUID userId, boolean seesAll, Set<UUID> groupIds, Set<Role> roles) {

    public Viewer {
        groupIds = Set.copyOf(groupIds);
        roles = Set.copyOf(roles);
    }

    public boolean maySee(Conversation c, Set<UUID> queue) {
        return maySee(c, () -> queue);
    }

    /** The same rule; {@code queue} (the conversation's ring groups) is asked for only when it decides. */
    public boolean maySee(Conversation c, Supplier<Set<UUID>> queue) {
        if (!c.tenantId().equals(tenant.value())) {
            return false;
        }
        return seesAll || (userId != null && userId.equals(c.assignedUserId())) || queue.get().stream().anyMatch(groupIds::contains);
    }
}
