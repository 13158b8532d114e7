package dev.postline.tenantadmin.api;

import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.Quarantine;
import dev.postline.core.ingest.QuarantinedMail;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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

/** Mail that could not be ingested. Who may call: admins. */
@Controller("/api/v1/quarantine")
@Secured(Roles.ADMIN)
public class QuarantineController {

    /**
     * {@code unfetchable}: the provider never delivered the message (only {@code providerId} and the reason
     * are known; there is no raw content to download or reprocess).
     */
    @Serdeable
    public record QuarantinedView(UUID id, UUID touchpointId, @Nullable String providerId, String reason, long size,
                                  boolean unfetchable, String status, Instant createdAt) {
        static QuarantinedView of(QuarantinedMail q) {
            return new QuarantinedView(q.id(), q.touchpointId(), q.providerId(), q.reason(), q.rawSize(), q.unfetchable(),
                    q.status().name(), q.createdAt());
        }
    }

    /** Optional body of a reprocess call: the customer to answer when the message names nobody. */
    @Serdeable
    public record ReprocessRequest(@Nullable String customerAddress) {}

    @Serdeable
    public record ReprocessResult(String outcome, @Nullable UUID conversationId, @Nullable String reason) {}

    private final Quarantine quarantine;
    private final IngestionPipeline pipeline;

    public QuarantineController(Quarantine quarantine, IngestionPipeline pipeline) {
        this.quarantine = quarantine;
        this.pipeline = pipeline;
    }

    @Get
    public List<QuarantinedView> list(@Authenticated Caller caller) {
        return quarantine.list(caller.tenant()).stream().map(QuarantinedView::of).toList();
    }

    @Get("/{quarantineId}")
    public QuarantinedView get(@Authenticated Caller caller, @PathVariable UUID quarantineId) {
        return QuarantinedView.of(quarantine.get(caller.tenant(), quarantineId));
    }

    /** The message as received, for inspection; always a download. */
    @Get("/{quarantineId}/raw")
    public HttpResponse<byte[]> raw(@Authenticated Caller caller, @PathVariable UUID quarantineId) {
        return HttpResponse.ok(quarantine.raw(caller.tenant(), quarantineId))
                .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"quarantined-" + quarantineId + ".eml\"");
    }

    /**
     * Runs the message through ingestion again (e.g. after raising a limit). A message without a
     * usable sender is released with {@code {"customerAddress": "jane@example.com"}}: that address
     * becomes the customer, and the message records that an admin supplied it.
     */
    @Post("/{quarantineId}/reprocess")
    public ReprocessResult reprocess(@Authenticated Caller caller, @PathVariable UUID quarantineId,
                                     @Body @Nullable ReprocessRequest request) {
        IngestOutcome outcome = quarantine.reprocess(caller.tenant(), quarantineId, pipeline,
                request == null ? null : request.customerAddress());
        return new ReprocessResult(outcome.kind().name(), outcome.conversationId(), outcome.reason());
    }
}
