package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.connectors.api.SettingField;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.MailParsing;
import dev.postline.core.ingest.Quarantine;
import dev.postline.core.ingest.QuarantinedMail;
import dev.postline.core.lifecycle.TouchpointLifecycle;
import dev.postline.core.notification.Notifications;
import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.preview.PreviewPermissions;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.sync.SyncState;
import dev.postline.core.sync.SyncStates;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserService;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.PageRenderer;
import dev.postline.tenantadmin.web.Times;
import dev.postline.tenantadmin.web.notification.NotificationRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import dev.postline.tenantadmin.web.Form;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One touchpoint: status with its history, last error and predicted authorization end,
 * initial-import progress, settings, data-source key/values and report service name, quarantined
 * mail with "reprocess", its notifications.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}")
@Secured(Roles.ADMIN)
public class TouchpointDetailController {

    private static final Map<String, String> NOTICES = Map.of(
            "created", "The touchpoint was created. It connects in the background; this page updates by itself.",
            "reprocessed", "The message was ingested again.",
            "saved", "The changes were saved.",
            "reauthenticated", "The new password was accepted. The touchpoint reconnects and fetches the mail that arrived meanwhile.");

    private final TouchpointService touchpoints;
    private final SyncStates syncStates;
    private final RingGroupService groups;
    private final Quarantine quarantine;
    private final IngestionPipeline pipeline;
    private final ConnectorRegistry connectors;
    private final TouchpointLifecycle lifecycle;
    private final Notifications notifications;
    private final UserService users;
    private final PreviewPermissions previews;
    private final Clock clock;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public TouchpointDetailController(TouchpointService touchpoints, SyncStates syncStates, RingGroupService groups,
                                      Quarantine quarantine, IngestionPipeline pipeline, ConnectorRegistry connectors,
                                      TouchpointLifecycle lifecycle, Notifications notifications, UserService users,
                                      PreviewPermissions previews, Clock clock,
                                      AdminFrame frame, PageRenderer pages, ErrorPages errors) {
        this.touchpoints = touchpoints;
        this.syncStates = syncStates;
        this.groups = groups;
        this.quarantine = quarantine;
        this.pipeline = pipeline;
        this.connectors = connectors;
        this.lifecycle = lifecycle;
        this.notifications = notifications;
        this.users = users;
        this.previews = previews;
        this.clock = clock;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done) {
        return page(request, caller, touchpointId, HttpStatus.OK, done == null ? null : NOTICES.get(done), null);
    }

    @Post("/quarantine/{quarantineId}/reprocess")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> reprocess(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                          @PathVariable UUID quarantineId, @Body @Nullable Map<String, Object> fields) {
        if (!quarantine.get(caller.tenant(), quarantineId).touchpointId().equals(touchpointId)) {
            throw ApiException.notFound("quarantined message");
        }
        String customerAddress = Form.of(fields).get("customerAddress");
        try {
            IngestOutcome outcome = quarantine.reprocess(caller.tenant(), quarantineId, pipeline, customerAddress);
            if (outcome.kind() == IngestOutcome.Kind.QUARANTINED) {
                return page(request, caller, touchpointId, HttpStatus.CONFLICT, null, "The message is still not accepted: " + outcome.reason());
            }
        } catch (ApiException e) {
            if (e.status() == HttpStatus.BAD_REQUEST && !e.errors().isEmpty()) {
                return page(request, caller, touchpointId, HttpStatus.BAD_REQUEST, null,
                        "Not released: the customer address “" + customerAddress + "” is " + e.errors().getFirst().message());
            }
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            return page(request, caller, touchpointId, HttpStatus.CONFLICT, null, "Not reprocessed: " + e.getMessage());
        }
        return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "?done=reprocessed");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status,
                                      @Nullable String notice, @Nullable String problem) {
        var details = touchpoints.get(caller.tenant(), touchpointId);
        SyncState sync = syncStates.find(caller.tenant(), touchpointId).orElse(null);
        Map<UUID, RingGroup> groupsById = groups.list(caller.tenant()).stream().collect(Collectors.toMap(RingGroup::id, Function.identity()));
        TouchpointLifecycle.Status lifecycleStatus = lifecycle.status(caller.tenant(), details.touchpoint());
        TouchpointRow row = TouchpointRow.of(details, sync, groupsById, lifecycleStatus, clock.instant());
        Map<String, Object> model = frame.model(caller, "touchpoints", details.touchpoint().displayName());
        model.put("row", row);
        model.put("state", details.touchpoint().connectionState().name());
        model.put("lastError", sync == null ? null : sync.lastError());
        model.put("progress", SyncProgress.of(sync));
        model.put("duplicates", duplicatesText(sync == null ? 0 : sync.duplicates()));
        model.put("passwordSetAt", Times.format(details.passwordSetAt().orElse(null), "no password stored"));
        model.put("settings", settingRows(details));
        model.put("previewRoles", previewRoles(previews.allowedRoles(caller.tenant(), touchpointId)));
        model.put("dataSource", details.touchpoint().dataSource().pairs());
        model.put("reportServiceName", details.touchpoint().reportServiceName() != null ? details.touchpoint().reportServiceName()
                : details.touchpoint().displayName() + " (the display name)");
        List<QuarantineRow> quarantinedRows = quarantined(caller, touchpointId);
        model.put("quarantined", quarantinedRows);
        model.put("anyUnfetchable", quarantinedRows.stream().anyMatch(QuarantineRow::unfetchable));
        model.put("predictedEnd", Times.format(lifecycleStatus.predictedAuthorizationEnd(), "not predicted"));
        model.put("authorizationBasis", lifecycleStatus.authorizationBasis());
        model.put("history", history(caller, touchpointId));
        model.put("notifications", notifications.list(caller.tenant(), false).stream()
                .filter(n -> n.touchpointId().equals(touchpointId))
                .map(n -> NotificationRow.of(n, details.touchpoint().displayName())).toList());
        model.put("refresh", row.badge().tone().equals("info") || SyncProgress.of(sync).running());
        if (notice != null) {
            model.put("notice", notice);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(status, "touchpoint", model, request);
    }

    private List<Map.Entry<String, String>> settingRows(TouchpointService.TouchpointDetails details) {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        var fields = connectors.find(details.touchpoint().connectorKind().wireName()).map(f -> f.settingFields()).orElse(List.of());
        Map<String, String> labels = fields.stream().collect(Collectors.toMap(SettingField::name, SettingField::label));
        details.settings().forEach((key, value) -> {
            boolean secret = fields.stream().anyMatch(f -> f.name().equals(key) && f.secret());
            if (!secret) {
                rows.add(Map.entry(labels.getOrDefault(key, key), value));
            }
        });
        return rows;
    }

    private List<HistoryRow> history(Caller caller, UUID touchpointId) {
        Map<UUID, UserAccount> byId = users.list(caller.tenant()).stream().collect(Collectors.toMap(UserAccount::id, Function.identity()));
        return lifecycle.history(caller.tenant(), touchpointId).stream().limit(100).map(c -> HistoryRow.of(c, byId)).toList();
    }

    private List<QuarantineRow> quarantined(Caller caller, UUID touchpointId) {
        return quarantine.list(caller.tenant()).stream().filter(q -> q.touchpointId().equals(touchpointId)).limit(100)
                .map(q -> new QuarantineRow(q.id(), subject(caller, q), q.reason(), q.unfetchable() ? "not received" : size(q.rawSize()),
                        Times.format(q.createdAt(), ""), q.status() == QuarantinedMail.Status.NEW && !q.unfetchable(),
                        q.unfetchable(), q.providerId(), MailParsing.isNoSender(q.reason())))
                .toList();
    }

    private String subject(Caller caller, QuarantinedMail q) {
        if (q.unfetchable()) {
            return "(content never received from the mail server)";
        }
        if (q.rawSize() > QuarantinedSubject.MAX_PEEK_SIZE) {
            return "(not shown: a large message)";
        }
        return QuarantinedSubject.of(quarantine.raw(caller.tenant(), q.id()));
    }

    static String duplicatesText(long duplicates) {
        if (duplicates == 0) {
            return "No duplicate deliveries so far.";
        }
        return (duplicates == 1 ? "1 copy of a message was" : duplicates + " copies of messages were")
                + " not stored again, because the same message had arrived before.";
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes / 1024) + " KB" : (bytes / (1024 * 1024)) + " MB";
    }

    /** "Admins, supervisors, agents", or who must claim first when nobody may preview. */
    private static String previewRoles(java.util.List<Role> allowed) {
        if (allowed.isEmpty()) {
            return "nobody (everyone claims a conversation to read it)";
        }
        String names = allowed.stream().map(role -> switch (role) {
            case ADMIN -> "admins";
            case SUPERVISOR -> "supervisors";
            case AGENT -> "agents";
        }).collect(java.util.stream.Collectors.joining(", "));
        return Character.toUpperCase(names.charAt(0)) + names.substring(1);
    }
}
