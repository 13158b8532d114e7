package dev.postline.core.agentapi;

import dev.postline.core.conversation.Viewer;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Caller;
import dev.postline.core.security.PrincipalKind;
import dev.postline.core.security.Roles;
import dev.postline.core.user.Role;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns the authenticated caller into the {@link Viewer} conversation queries run for. */
@Singleton
public class Viewers {

    private final RingGroupService groups;

    public Viewers(RingGroupService groups) {
        this.groups = groups;
    }

    public Viewer of(Caller caller) {
        boolean seesAll = caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.SUPERVISOR);
        Set<Role> roles = Arrays.stream(Role.values()).filter(role -> caller.hasRole(role.name())).collect(Collectors.toSet());
        if (caller.kind() != PrincipalKind.USER) {
            // An AGENT-role API key acts for no person: it has no queue of its own.
            return new Viewer(caller.tenant(), null, seesAll, Set.of(), roles);
        }
        UUID user = caller.principalId();
        return new Viewer(caller.tenant(), user, seesAll, new HashSet<>(groups.groupIdsOf(caller.tenant(), user)), roles);
    }
}
