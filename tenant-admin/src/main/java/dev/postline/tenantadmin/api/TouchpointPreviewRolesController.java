package dev.postline.tenantadmin.api;

import dev.postline.core.preview.PreviewPermissions;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.user.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * Preview permissions of a touchpoint: the roles (ADMIN, SUPERVISOR, AGENT) that may read its
 * conversations' messages, raw mail, attachments and notes while the conversation is not assigned
 * to them. Others see the conversation listed and may claim it, then read it. A touchpoint never
 * configured lets every role preview. Who may call: admins change; admins and supervisors read.
 */
@Controller("/api/v1/touchpoints/{touchpointId}/preview-roles")
public class TouchpointPreviewRolesController {

    /** {@code roles}: the roles that may preview; {@code []} = no one (everyone claims first). */
    @Serdeable
    public record PreviewRoles(@Nullable List<String> roles) {
        static PreviewRoles of(List<Role> roles) {
            return new PreviewRoles(roles.stream().map(Role::name).toList());
        }
    }

    private final PreviewPermissions preview;

    public TouchpointPreviewRolesController(PreviewPermissions preview) {
        this.preview = preview;
    }

    /** The roles that may preview the touchpoint's conversations (all three unless an admin narrowed it). */
    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public PreviewRoles get(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return PreviewRoles.of(preview.allowedRoles(caller.tenant(), touchpointId));
    }

    /** Replaces the roles that may preview; an unknown role is a 400 naming it, and nothing changes. */
    @Put
    @Secured(Roles.ADMIN)
    public PreviewRoles replace(@Authenticated Caller caller, @PathVariable UUID touchpointId, @Body PreviewRoles body) {
        return PreviewRoles.of(preview.replaceAllowedRoles(caller.tenant(), touchpointId, body.roles()));
    }
}
