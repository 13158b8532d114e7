package dev.postline.tenantadmin.api;

import dev.postline.core.lifecycle.TouchpointLifecycle;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.DataSourcePair;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.sync.SyncState;
import dev.postline.core.sync.SyncStates;
import dev.postline.core.touchpoint.TouchpointService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Touchpoints (connected mailboxes). Who may call: admins change; supervisors read. */
@Controller("/api/v1/touchpoints")
public class TouchpointsController {

    @Serdeable
    public record CredentialView(boolean passwordSet, @Nullable Instant passwordSetAt) {}

    /**
     * Where the touchpoint's sync stands: messages fetched so far and, when the provider can tell,
     * how many still wait (an initial import's progress is fetched / (fetched + remaining)); last
     * success; last error (safe text); {@code duplicatesSuppressed}: copies not stored because the same
     * message (Message-ID and content) was stored already.
     */
    @Serdeable
    public record SyncView(long fetched, @Nullable Long remaining, @Nullable Instant lastSuccessAt, @Nullable String lastError,
                           long duplicatesSuppressed) {}

    /**
     * The connection lifecycle at a glance: connected since (null unless CONNECTED/EXPIRING), the
     * last successful sync, the last error (safe text), and when the authorization is predicted
     * to end (null: no known end) with the rule behind it.
     */
    @Serdeable
    public record LifecycleView(@Nullable Instant connectedSince, @Nullable Instant lastSuccessfulSync, @Nullable String lastError,
                                @Nullable Instant predictedAuthorizationEnd, String authorizationBasis) {}

    /**
     * A touchpoint. {@code dataSource}: the key/values stamped on each new conversation, in order;
     * {@code reportServiceName}: what reports count its conversations under (null: the display name).
     */
    @Serdeable
    public record TouchpointView(UUID id, String address, String displayName, String connector, Direction direction,
                                 boolean enabled, ConnectionState connectionState, List<UUID> ringGroupIds,
                                 Map<String, String> settings, List<DataSourcePair> dataSource, @Nullable String reportServiceName,
                                 CredentialView credential, @Nullable SyncView sync,
                                 Instant createdAt, Instant updatedAt, LifecycleView lifecycle) {

        static TouchpointView of(TouchpointService.TouchpointDetails d, @Nullable SyncState state, TouchpointLifecycle.Status status) {
            var t = d.touchpoint();
            return new TouchpointView(t.id(), t.address(), t.displayName(), t.connectorKind().wireName(), t.direction(),
                    t.enabled(), t.connectionState(), d.ringGroupIds(), d.settings(), t.dataSource().pairs(), t.reportServiceName(),
                    new CredentialView(d.passwordSetAt().isPresent(), d.passwordSetAt().orElse(null)),
                    state == null ? null : new SyncView(state.fetched(), state.remaining(), state.lastSuccessAt(), state.lastError(),
                            state.duplicates()),
                    t.createdAt(), t.updatedAt(), new LifecycleView(status.connectedSince(),
                            state == null ? null : state.lastSuccessAt(), state == null ? null : state.lastError(),
                            status.predictedAuthorizationEnd(), status.authorizationBasis()));
        }
    }

    private final TouchpointService touchpoints;
    private final SyncStates syncStates;
    private final TouchpointLifecycle lifecycle;

    public TouchpointsController(TouchpointService touchpoints, SyncStates syncStates, TouchpointLifecycle lifecycle) {
        this.touchpoints = touchpoints;
        this.syncStates = syncStates;
        this.lifecycle = lifecycle;
    }

    private TouchpointView view(Caller caller, TouchpointService.TouchpointDetails d) {
        return TouchpointView.of(d, syncStates.find(caller.tenant(), d.touchpoint().id()).orElse(null),
                lifecycle.status(caller.tenant(), d.touchpoint()));
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public List<TouchpointView> list(@Authenticated Caller caller) {
        return touchpoints.list(caller.tenant()).stream().map(d -> view(caller, d)).toList();
    }

    @Post
    @Secured(Roles.ADMIN)
    public HttpResponse<TouchpointView> create(@Authenticated Caller caller, @Body TouchpointService.NewTouchpoint request) {
        return HttpResponse.created(view(caller, touchpoints.create(caller.tenant(), request)));
    }

    @Get("/{touchpointId}")
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public TouchpointView get(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return view(caller, touchpoints.get(caller.tenant(), touchpointId));
    }

    @Patch("/{touchpointId}")
    @Secured(Roles.ADMIN)
    public TouchpointView update(@Authenticated Caller caller, @PathVariable UUID touchpointId, @Body TouchpointService.TouchpointChanges changes) {
        return view(caller, touchpoints.update(caller.tenant(), touchpointId, changes, caller.principalId()));
    }

    @Delete("/{touchpointId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> delete(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        touchpoints.delete(caller.tenant(), touchpointId);
        return HttpResponse.noContent();
    }

    /** Sets the mailbox password; it is stored encrypted and never returned. */
    @Put("/{touchpointId}/credential")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> setCredential(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                            @Body TouchpointService.CredentialUpdate update) {
        touchpoints.setPassword(caller.tenant(), touchpointId, update, caller.principalId());
        return HttpResponse.noContent();
    }
}
