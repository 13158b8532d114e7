package dev.postline.tenantadmin.api;

import dev.postline.core.disposition.DispositionService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
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
 * A touchpoint's own dispositions, replacing the tenant list there; an empty list means the tenant
 * list applies. Who may call: admins change; admins and supervisors read.
 */
@Controller("/api/v1/touchpoints/{touchpointId}/dispositions")
public class TouchpointDispositionsController {

    @Serdeable
    public record DispositionIds(@Nullable List<UUID> dispositionIds) {}

    private final DispositionService dispositions;

    public TouchpointDispositionsController(DispositionService dispositions) {
        this.dispositions = dispositions;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public DispositionIds get(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return new DispositionIds(dispositions.touchpointList(caller.tenant(), touchpointId));
    }

    @Put
    @Secured(Roles.ADMIN)
    public DispositionIds replace(@Authenticated Caller caller, @PathVariable UUID touchpointId, @Body DispositionIds body) {
        return new DispositionIds(dispositions.replaceTouchpointList(caller.tenant(), touchpointId, body.dispositionIds()));
    }
}
