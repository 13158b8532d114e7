package dev.postline.tenantadmin.api;

import dev.postline.core.ingest.BlocklistEntry;
import dev.postline.core.ingest.BlocklistService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A touchpoint's blocklist. Who may call: admins change; supervisors read. */
@Controller("/api/v1/touchpoints/{touchpointId}/blocklist")
public class BlocklistController {

    @Serdeable
    public record EntryView(UUID id, String pattern, String note, Instant createdAt) {
        static EntryView of(BlocklistEntry e) {
            return new EntryView(e.id(), e.pattern(), e.note(), e.createdAt());
        }
    }

    private final BlocklistService blocklist;

    public BlocklistController(BlocklistService blocklist) {
        this.blocklist = blocklist;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public List<EntryView> list(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return blocklist.list(caller.tenant(), touchpointId).stream().map(EntryView::of).toList();
    }

    @Post
    @Secured(Roles.ADMIN)
    public HttpResponse<EntryView> add(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                       @Body BlocklistService.NewEntry entry) {
        return HttpResponse.created(EntryView.of(blocklist.add(caller.tenant(), touchpointId, entry)));
    }

    @Delete("/{entryId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> remove(@Authenticated Caller caller, @PathVariable UUID touchpointId, @PathVariable UUID entryId) {
        blocklist.remove(caller.tenant(), touchpointId, entryId);
        return HttpResponse.noContent();
    }
}
