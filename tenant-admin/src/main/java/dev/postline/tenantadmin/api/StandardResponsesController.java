package dev.postline.tenantadmin.api;

import dev.postline.core.branding.StandardResponse;
import dev.postline.core.branding.StandardResponseService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Standard responses (canned replies), tenant-wide or per touchpoint. Who may call: admins and
 * supervisors. Agents use them through {@code /api/v1/conversations/{id}/standard-responses}.
 */
@Controller("/api/v1/standard-responses")
@Secured({Roles.ADMIN, Roles.SUPERVISOR})
public class StandardResponsesController {

    @Serdeable
    public record StandardResponseView(UUID id, String name, String scope, @Nullable UUID touchpointId, @Nullable String text,
                                       @Nullable String html, Instant createdAt, Instant updatedAt) {
        public static StandardResponseView of(StandardResponse r) {
            return new StandardResponseView(r.id(), r.name(), r.touchpointId() == null ? "TENANT" : "TOUCHPOINT", r.touchpointId(),
                    r.bodyText(), r.bodyHtml(), r.createdAt(), r.updatedAt());
        }
    }

    private final StandardResponseService responses;

    public StandardResponsesController(StandardResponseService responses) {
        this.responses = responses;
    }

    /** All of the tenant's responses; with {@code touchpointId}, those that apply there (tenant-wide included). */
    @Get
    public List<StandardResponseView> list(@Authenticated Caller caller, @Nullable @QueryValue UUID touchpointId) {
        return responses.list(caller.tenant(), touchpointId).stream().map(StandardResponseView::of).toList();
    }

    @Post
    public HttpResponse<StandardResponseView> create(@Authenticated Caller caller, @Body StandardResponseService.NewStandardResponse request) {
        return HttpResponse.created(StandardResponseView.of(responses.create(caller.tenant(), request)));
    }

    @Get("/{responseId}")
    public StandardResponseView get(@Authenticated Caller caller, @PathVariable UUID responseId) {
        return StandardResponseView.of(responses.get(caller.tenant(), responseId));
    }

    @Patch("/{responseId}")
    public StandardResponseView update(@Authenticated Caller caller, @PathVariable UUID responseId,
                                       @Body StandardResponseService.StandardResponseChanges changes) {
        return StandardResponseView.of(responses.update(caller.tenant(), responseId, changes));
    }

    @Delete("/{responseId}")
    public HttpResponse<Void> delete(@Authenticated Caller caller, @PathVariable UUID responseId) {
        responses.delete(caller.tenant(), responseId);
        return HttpResponse.noContent();
    }
}
