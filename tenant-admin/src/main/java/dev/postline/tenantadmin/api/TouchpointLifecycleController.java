package dev.postline.tenantadmin.api;

import dev.postline.core.lifecycle.TouchpointLifecycle;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.StateCause;
import dev.postline.core.touchpoint.StateChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A touchpoint's connection lifecycle: its history of state changes (admins and supervisors read),
 * reconnect now and re-authenticate (admins).
 */
@Controller("/api/v1/touchpoints")
public class TouchpointLifecycleController {

    @Serdeable
    public record HistoryEntry(ConnectionState from, ConnectionState to, Instant at, String reason, StateCause cause,
                               @Nullable UUID actorUserId) {
        static HistoryEntry of(StateChange c) {
            return new HistoryEntry(c.fromState(), c.toState(), c.changedAt(), c.reason(), c.cause(), c.actorUserId());
        }
    }

    private final TouchpointLifecycle lifecycle;

    public TouchpointLifecycleController(TouchpointLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Newest first. */
    @Get("/{touchpointId}/history")
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public List<HistoryEntry> history(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return lifecycle.history(caller.tenant(), touchpointId).stream().map(HistoryEntry::of).toList();
    }

    /** CONNECTION_LOST: retry now (202: the sync loop restarts; the state follows its outcome). */
    @Post("/{touchpointId}/reconnect")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> reconnect(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        lifecycle.reconnect(caller.tenant(), touchpointId, caller.principalId());
        return HttpResponse.accepted();
    }

    /** EXPIRED/EXPIRING password touchpoints: a new password for the same mailbox, verified before it is stored. */
    @Post("/{touchpointId}/reauthenticate")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> reauthenticate(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                             @Body TouchpointLifecycle.Reauthentication request) {
        lifecycle.reauthenticate(caller.tenant(), touchpointId, request, caller.principalId());
        return HttpResponse.noContent();
    }
}
