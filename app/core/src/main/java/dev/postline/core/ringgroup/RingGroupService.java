package dev.postline.core.ringgroup;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointRingGroupRepository;
import dev.postline.core.user.UserRepository;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Ring groups (agent queues) and who is in them. */
@Singleton
public class RingGroupService {

    @Serdeable
    public record NewRingGroup(String name, @Nullable String description) {}

    @Serdeable
    public record RingGroupChanges(@Nullable String name, @Nullable String description) {}

    private final RingGroupRepository groups;
    private final RingGroupMemberRepository members;
    private final UserRepository users;
    private final TouchpointRingGroupRepository touchpointLinks;
    private final TenantTransactions tx;
    private final Clock clock;

    public RingGroupService(RingGroupRepository groups, RingGroupMemberRepository members, UserRepository users,
                            TouchpointRingGroupRepository touchpointLinks, TenantTransactions tx, Clock clock) {
        this.groups = groups;
        this.members = members;
        this.users = users;
        this.touchpointLinks = touchpointLinks;
        this.tx = tx;
        this.clock = clock;
    }

    public List<RingGroup> list(TenantId tenant) {
        return tx.read(tenant, () -> groups.findByTenantIdOrderByNameKey(tenant.value()));
    }

    public RingGroup get(TenantId tenant, UUID id) {
        return tx.read(tenant, () -> find(tenant, id));
    }

    public RingGroup create(TenantId tenant, NewRingGroup request) {
        InputCheck in = InputCheck.start();
        String name = in.text("name", request.name(), 100);
        String description = in.optionalText("description", request.description(), 1000);
        in.orThrow();
        return tx.write(tenant, () -> {
            requireUniqueName(tenant, name, null);
            return groups.save(new RingGroup(UUID.randomUUID(), tenant.value(), name, key(name),
                    description == null ? "" : description, clock.instant()));
        });
    }

    public RingGroup update(TenantId tenant, UUID id, RingGroupChanges changes) {
        InputCheck in = InputCheck.start();
        String name = in.optionalText("name", changes.name(), 100);
        in.check(changes.name() == null || !changes.name().isBlank(), "name", "must not be blank");
        String description = in.optionalText("description", changes.description(), 1000);
        in.orThrow();
        return tx.write(tenant, () -> {
            RingGroup group = find(tenant, id);
            String newName = name != null ? name : group.name();
            requireUniqueName(tenant, newName, id);
            return groups.update(group.renamed(newName, key(newName), description != null ? description : group.description()));
        });
    }

    /** Refused while a touchpoint routes to the group: unlink it first, so no mail loses its queue. */
    public void delete(TenantId tenant, UUID id) {
        tx.write(tenant, () -> {
            find(tenant, id);
            if (touchpointLinks.existsByTenantIdAndRingGroupId(tenant.value(), id)) {
                throw ApiException.conflict("the ring group is linked to a touchpoint; unlink it there first");
            }
            groups.deleteByTenantIdAndId(tenant.value(), id);
        });
    }

    public List<UUID> memberIds(TenantId tenant, UUID groupId) {
        return tx.read(tenant, () -> {
            find(tenant, groupId);
            return members.findByTenantIdAndRingGroupId(tenant.value(), groupId).stream().map(RingGroupMember::userId).toList();
        });
    }

    public List<UUID> groupIdsOf(TenantId tenant, UUID userId) {
        return tx.read(tenant, () -> members.findByTenantIdAndUserId(tenant.value(), userId).stream()
                .map(RingGroupMember::ringGroupId).toList());
    }

    public void addMember(TenantId tenant, UUID groupId, UUID userId) {
        tx.write(tenant, () -> {
            find(tenant, groupId);
            users.findByTenantIdAndId(tenant.value(), userId).orElseThrow(() -> ApiException.notFound("user"));
            if (!members.existsByTenantIdAndRingGroupIdAndUserId(tenant.value(), groupId, userId)) {
                members.save(new RingGroupMember(UUID.randomUUID(), tenant.value(), groupId, userId));
            }
        });
    }

    public void removeMember(TenantId tenant, UUID groupId, UUID userId) {
        tx.write(tenant, () -> {
            find(tenant, groupId);
            if (members.deleteByTenantIdAndRingGroupIdAndUserId(tenant.value(), groupId, userId) == 0) {
                throw ApiException.notFound("member");
            }
        });
    }

    private RingGroup find(TenantId tenant, UUID id) {
        return groups.findByTenantIdAndId(tenant.value(), id).orElseThrow(() -> ApiException.notFound("ring group"));
    }

    private void requireUniqueName(TenantId tenant, String name, @Nullable UUID self) {
        groups.findByTenantIdAndNameKey(tenant.value(), key(name))
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw ApiException.conflict("a ring group with this name already exists");
                });
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
