package dev.postline.tenantadmin.api;

import dev.postline.core.disposition.Disposition;
import dev.postline.core.disposition.DispositionService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The tenant's dispositions. Who may call: admins change; every role of the tenant reads. */
@Controller("/api/v1/dispositions")
public class DispositionsController {

    @Serdeable
    public record DispositionView(UUID id, String name, boolean active, Instant createdAt) {
        static DispositionView of(Disposition d) {
            return new DispositionView(d.id(), d.name(), d.active(), d.createdAt());
        }
    }

    private final DispositionService dispositions;

    public DispositionsController(DispositionService dispositions) {
        this.dispositions = dispositions;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public List<DispositionView> list(@Authenticated Caller caller) {
        return dispositions.list(caller.tenant()).stream().map(DispositionView::of).toList();
    }

    @Post
    @Secured(Roles.ADMIN)
    public HttpResponse<DispositionView> create(@Authenticated Caller caller, @Body DispositionService.NewDisposition request) {
        return HttpResponse.created(DispositionView.of(dispositions.create(caller.tenant(), request)));
    }

    @Get("/{dispositionId}")
    @Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public DispositionView get(@Authenticated Caller caller, @PathVariable UUID dispositionId) {
        return DispositionView.of(dispositions.get(caller.tenant(), dispositionId));
    }

    @Patch("/{dispositionId}")
    @Secured(Roles.ADMIN)
    public DispositionView update(@Authenticated Caller caller, @PathVariable UUID dispositionId,
                                  @Body DispositionService.DispositionChanges changes) {
        return DispositionView.of(dispositions.update(caller.tenant(), dispositionId, changes));
    }

    /** Refused (409) once a conversation was closed with it: deactivate it instead. */
    @Delete("/{dispositionId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> delete(@Authenticated Caller caller, @PathVariable UUID dispositionId) {
        dispositions.delete(caller.tenant(), dispositionId);
        return HttpResponse.noContent();
    }
}
