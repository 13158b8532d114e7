package dev.postline.core.preview;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.user.Role;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Preview permissions per touchpoint: which roles may read the content of its conversations while
 * the conversation is not assigned to them (looking into a queue before taking a conversation).
 * A touchpoint nobody configured lets every role preview. The conversation services call
 * {@link #requirePreview} wherever content leaves; metadata (the queue list, events, claiming)
 * stays available, so a conversation can always be seen and taken.
 */
@Singleton
public class PreviewPermissions {

    private final TouchpointPreviewDenialRepository denials;
    private final TouchpointRepository touchpoints;
    private final TenantTransactions tx;

    public PreviewPermissions(TouchpointPreviewDenialRepository denials, TouchpointRepository touchpoints, TenantTransactions tx) {
        this.denials = denials;
        this.touchpoints = touchpoints;
        this.tx = tx;
    }

    /** The roles that may preview the touchpoint's conversations, in role order. */
    public List<Role> allowedRoles(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            return allowed(refused(tenant, touchpointId));
        });
    }

    /** Replaces the roles that may preview; {@code []} lets no one preview (everyone must take a conversation to read it). */
    public List<Role> replaceAllowedRoles(TenantId tenant, UUID touchpointId, @Nullable List<String> roles) {
        EnumSet<Role> wanted = parse(roles);
        return tx.write(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            denials.deleteByTenantIdAndTouchpointId(tenant.value(), touchpointId);
            for (Role role : EnumSet.complementOf(wanted)) {
                denials.save(new TouchpointPreviewDenial(UUID.randomUUID(), tenant.value(), touchpointId, role));
            }
            return allowed(refused(tenant, touchpointId));
        });
    }

    /** Whether the viewer may read the conversation's content; call inside the viewer's tenant transaction. */
    public boolean mayPreview(Viewer viewer, Conversation conversation) {
        return PreviewRule.allows(viewer, conversation, refused(viewer.tenant(), conversation.touchpointId()));
    }

    /**
     * Whether the viewer may read each conversation's content now, for listing many at once: the
     * touchpoints' settings are read once each (in the viewer's tenant transaction, joined if open).
     */
    public Predicate<Conversation> previewable(Viewer viewer) {
        Map<UUID, Set<Role>> refusedByTouchpoint = new HashMap<>();
        return conversation -> PreviewRule.allows(viewer, conversation, refusedByTouchpoint.computeIfAbsent(
                conversation.touchpointId(), touchpointId -> tx.read(viewer.tenant(), () -> refused(viewer.tenant(), touchpointId))));
    }

    /**
     * The same for a page of conversations known in advance: the settings of all their touchpoints
     * are read in one query (a queue page costs one query here, however many touchpoints it shows).
     */
    public Predicate<Conversation> previewable(Viewer viewer, Collection<Conversation> conversations) {
        Map<UUID, Set<Role>> refusedByTouchpoint = new HashMap<>();
        Set<UUID> touchpointIds = conversations.stream().map(Conversation::touchpointId).collect(Collectors.toSet());
        touchpointIds.forEach(id -> refusedByTouchpoint.put(id, EnumSet.noneOf(Role.class)));
        if (!touchpointIds.isEmpty()) {
            tx.read(viewer.tenant(), () -> denials.findByTenantIdAndTouchpointIdInList(viewer.tenant().value(), touchpointIds))
                    .forEach(d -> refusedByTouchpoint.get(d.touchpointId()).add(d.role()));
        }
        Predicate<Conversation> others = previewable(viewer);
        return conversation -> refusedByTouchpoint.containsKey(conversation.touchpointId())
                ? PreviewRule.allows(viewer, conversation, refusedByTouchpoint.get(conversation.touchpointId()))
                : others.test(conversation);
    }

    /**
     * Refuses (403) a viewer who may not read the conversation's content; {@code toDo} completes
     * "claim the conversation to …". Call inside the viewer's tenant transaction, after the
     * visibility check (a conversation the viewer may not see at all stays a 404).
     */
    public void requirePreview(Viewer viewer, Conversation conversation, String toDo) {
        if (mayPreview(viewer, conversation)) {
            return;
        }
        String touchpoint = touchpoints.findByTenantIdAndId(viewer.tenant().value(), conversation.touchpointId())
                .map(t -> "touchpoint “" + t.displayName() + "”").orElse("this touchpoint");
        throw ApiException.forbidden("previewing conversations of " + touchpoint + " is not allowed for "
                + who(viewer.roles()) + "; claim the conversation to " + toDo);
    }

    private Set<Role> refused(TenantId tenant, UUID touchpointId) {
        Set<Role> refused = EnumSet.noneOf(Role.class);
        denials.findByTenantIdAndTouchpointId(tenant.value(), touchpointId).forEach(d -> refused.add(d.role()));
        return refused;
    }

    private static List<Role> allowed(Set<Role> refused) {
        return Arrays.stream(Role.values()).filter(role -> !refused.contains(role)).toList();
    }

    private static EnumSet<Role> parse(@Nullable List<String> roles) {
        InputCheck in = InputCheck.start();
        in.require("roles", roles);
        in.orThrow();
        EnumSet<Role> wanted = EnumSet.noneOf(Role.class);
        for (String name : roles) {
            Role role = name == null ? null : Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst().orElse(null);
            if (role == null) {
                in.fail("roles", "unknown role " + (name == null ? "null" : "'" + shortened(name) + "'") + "; the roles are "
                        + Arrays.stream(Role.values()).map(Role::name).collect(Collectors.joining(", ")));
            } else {
                wanted.add(role);
            }
        }
        in.orThrow();
        return wanted;
    }

    private static String shortened(String name) {
        String printable = name.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    private static String who(Set<Role> roles) {
        String names = roles.stream().sorted().map(role -> switch (role) {
            case ADMIN -> "admins";
            case SUPERVISOR -> "supervisors";
            case AGENT -> "agents";
        }).collect(Collectors.joining(" and "));
        return names.isEmpty() ? "your role" : names;
    }

    private void requireTouchpoint(TenantId tenant, UUID touchpointId) {
        touchpoints.findByTenantIdAndId(tenant.value(), touchpointId).orElseThrow(() -> ApiException.notFound("touchpoint"));
    }
}
