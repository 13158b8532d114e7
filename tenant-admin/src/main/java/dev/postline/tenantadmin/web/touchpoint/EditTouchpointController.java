package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.DataSourcePair;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.touchpoint.TouchpointService.TouchpointDetails;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.PageRenderer;
import dev.postline.tenantadmin.web.wizard.FieldView;
import dev.postline.tenantadmin.web.wizard.WizardDraft;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Edits a touchpoint: name, direction, ring groups, the connector's settings (rendered from its own
 * field descriptions, as the wizard does), Postline's policy settings, the data-source key/values
 * and the report service name, saved through {@link TouchpointService#update}. The password is never shown; an empty password field keeps it.
 * The address is the mailbox's identity and cannot change: another mailbox is another touchpoint.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/edit")
@Secured(Roles.ADMIN)
public class EditTouchpointController {

    private final TouchpointService touchpoints;
    private final ConnectorRegistry connectors;
    private final RingGroupService groups;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public EditTouchpointController(TouchpointService touchpoints, ConnectorRegistry connectors, RingGroupService groups,
                                    AdminFrame frame, PageRenderer pages, ErrorPages errors) {
        this.touchpoints = touchpoints;
        this.connectors = connectors;
        this.groups = groups;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> form(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId) {
        TouchpointDetails details = touchpoints.get(caller.tenant(), touchpointId);
        var t = details.touchpoint();
        List<String> ringGroupIds = details.ringGroupIds().stream().map(UUID::toString).toList();
        return page(request, caller, details, HttpStatus.OK, t.displayName(), t.direction().name(), ringGroupIds,
                details.settings(), new Editor(t.dataSource().pairs(), DataSourceRows.EMPTY_ROWS,
                        t.reportServiceName() == null ? "" : t.reportServiceName()), Map.of());
    }

    /** What the key/value editor and the report service name field show. */
    private record Editor(List<DataSourcePair> pairs, int emptyRows, String reportServiceName) {}

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> save(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @Body Map<String, Object> fields) {
        TouchpointDetails details = touchpoints.get(caller.tenant(), touchpointId);
        Form form = Form.of(fields);
        List<SettingField> connectorFields = connectorFields(details);
        Map<String, String> settings = submittedSettings(details, connectorFields, form);
        String name = form.get("displayName").strip();
        String direction = form.get("direction");
        Map<String, String> problems = new LinkedHashMap<>();
        List<UUID> ringGroupIds = new ArrayList<>();
        for (String id : form.all("ringGroupIds")) {
            try {
                ringGroupIds.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                problems.put("ringGroupIds", "unknown ring group");
            }
        }
        Direction parsedDirection = null;
        try {
            parsedDirection = Direction.valueOf(direction);
        } catch (IllegalArgumentException e) {
            problems.put("direction", "choose inbound, outbound or both");
        }
        // A form without the editor (or the field) changes neither; an emptied editor removes every pair.
        DataSourceRows.Submitted rows = DataSourceRows.of(form);
        String reportServiceName = form.has("reportServiceName") ? form.get("reportServiceName") : null;
        List<DataSourcePair> pairs = rows == null ? details.touchpoint().dataSource().pairs() : rows.pairs();
        String reportField = reportServiceName != null ? reportServiceName
                : Objects.requireNonNullElse(details.touchpoint().reportServiceName(), "");
        if (form.get("go").equals(DataSourceRows.MORE_ROWS)) {
            // "More rows" without JavaScript: the form again as filled in, nothing saved.
            int empty = DataSourceRows.EMPTY_ROWS + (rows == null ? 0 : rows.emptyRows());
            return page(request, caller, details, HttpStatus.OK, name, direction, form.all("ringGroupIds"), settings,
                    new Editor(pairs, empty, reportField), problems);
        }
        Editor editor = new Editor(pairs, DataSourceRows.EMPTY_ROWS, reportField);
        if (problems.isEmpty()) {
            try {
                // A new password, or new servers, user or folder, are tried with the mail server first; nothing is saved if it refuses.
                String password = form.get("s." + TouchpointService.PASSWORD_FIELD);
                touchpoints.update(caller.tenant(), touchpointId, new TouchpointService.TouchpointChanges(name, parsedDirection, null,
                        ringGroupIds, settings, rows == null ? null : rows.pairs(), reportServiceName),
                        password.isEmpty() ? null : password, caller.principalId());
                return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "?done=saved");
            } catch (ApiException e) {
                if (e.status() == HttpStatus.NOT_FOUND) {
                    throw e;
                }
                problems.putAll(formProblems(e, connectorFields));
            }
        }
        return page(request, caller, details, HttpStatus.BAD_REQUEST, name, direction, form.all("ringGroupIds"), settings, editor,
                problems);
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    /**
     * The stored settings with the form's values laid over them: keys the page does not show stay;
     * an empty connector value falls back to the connector's default; the user name defaults to the address.
     */
    private static Map<String, String> submittedSettings(TouchpointDetails details, List<SettingField> fields, Form form) {
        Map<String, String> settings = new LinkedHashMap<>(details.settings());
        for (SettingField f : fields) {
            if (f.secret()) {
                continue;
            }
            String value = f.type() == SettingType.BOOLEAN ? Boolean.toString("true".equals(form.get("s." + f.name())))
                    : form.get("s." + f.name()).strip();
            if (value.isEmpty()) {
                settings.remove(f.name());
            } else {
                settings.put(f.name(), value);
            }
        }
        if (fields.stream().anyMatch(f -> f.name().equals("username")) && !settings.containsKey("username")) {
            settings.put("username", details.touchpoint().address());
        }
        WizardDraft.POLICY_DEFAULTS.keySet().forEach(key -> {
            if (form.has("p." + key)) {
                settings.put(key, form.get("p." + key).strip());
            }
        });
        return settings;
    }

    private static Map<String, String> formProblems(ApiException e, List<SettingField> connectorFields) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (FieldError error : e.errors()) {
            String field = error.field();
            if (field.equals("password")) {
                field = "s." + TouchpointService.PASSWORD_FIELD;
            } else if (field.startsWith("settings.")) {
                String key = field.substring("settings.".length());
                field = (connectorFields.stream().anyMatch(f -> f.name().equals(key)) ? "s." : "p.") + key;
            }
            problems.put(field, error.message());
        }
        if (problems.isEmpty()) {
            problems.put("displayName", e.getMessage()); // a name taken by another touchpoint (409)
        }
        return problems;
    }

    private List<SettingField> connectorFields(TouchpointDetails details) {
        return connectors.find(details.touchpoint().connectorKind().wireName()).map(f -> f.settingFields()).orElse(List.of());
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, TouchpointDetails details, HttpStatus status,
                                      String name, String direction, List<String> ringGroupIds, Map<String, String> settings,
                                      Editor editor, Map<String, String> problems) {
        var t = details.touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Edit " + t.displayName());
        model.put("id", t.id());
        model.put("storedName", t.displayName());
        model.put("address", t.address());
        model.put("connectorLabel", TouchpointRow.connectorLabel(t.connectorKind().wireName()));
        model.put("displayName", name);
        model.put("direction", direction);
        model.put("ringGroupIds", ringGroupIds);
        model.put("groups", groups.list(caller.tenant()));
        model.put("fields", connectorFields(details).stream()
                .map(f -> FieldView.of(f, settings.getOrDefault(f.name(), f.defaultValueIfAny().orElse("")), problems.get("s." + f.name())))
                .toList()); // an unset value shows the connector's default, so saving unchanged keeps behaviour (a checkbox!)
        model.put("passwordSet", details.passwordSetAt().isPresent());
        Map<String, String> policy = new LinkedHashMap<>(WizardDraft.POLICY_DEFAULTS);
        policy.replaceAll((key, def) -> settings.getOrDefault(key, def));
        model.put("policy", policy);
        model.put("problems", problems);
        List<DataSourceRows.Row> rows = DataSourceRows.rows(editor.pairs(), editor.emptyRows(), problems);
        model.put("dataSourceRows", rows);
        model.put("moreRows", DataSourceRows.roomForMore(rows));
        model.put("reportServiceName", editor.reportServiceName());
        return pages.render(status, "touchpoint-edit", model, request);
    }
}
