package dev.postline.tenantadmin.web.wizard;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.ingest.InboundPolicy;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Caller;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.PageRenderer;
import dev.postline.tenantadmin.web.touchpoint.DataSourceRows;
import dev.postline.tenantadmin.web.touchpoint.TouchpointRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders one step of the new-touchpoint wizard from a draft: for the wizard itself and for
 * "duplicate", which opens the wizard prefilled from an existing touchpoint.
 */
@Singleton
class WizardPage {

    private final ConnectorRegistry connectors;
    private final RingGroupService groups;
    private final SealedPassword sealing;
    private final AdminFrame frame;
    private final PageRenderer pages;

    WizardPage(ConnectorRegistry connectors, RingGroupService groups, SealedPassword sealing, AdminFrame frame, PageRenderer pages) {
        this.connectors = connectors;
        this.groups = groups;
        this.sealing = sealing;
        this.frame = frame;
        this.pages = pages;
    }

    HttpResponse<String> render(HttpRequest<?> request, Caller caller, HttpStatus status, WizardStep step, WizardDraft draft,
                                      Map<String, String> problems, @Nullable String testPassed, @Nullable String testFailed) {
        return render(request, caller, status, step, draft, problems, testPassed, testFailed, DataSourceRows.EMPTY_ROWS);
    }

    /** @param emptyRows empty key/value rows offered on the settings step under the draft's pairs */
    HttpResponse<String> render(HttpRequest<?> request, Caller caller, HttpStatus status, WizardStep step, WizardDraft draft,
                                Map<String, String> problems, @Nullable String testPassed, @Nullable String testFailed,
                                int emptyRows) {
        ConnectorFactory factory = connectors.find(draft.connector()).orElseThrow(() -> ApiException.notFound("connector"));
        Map<String, Object> model = frame.model(caller, "touchpoints", "New touchpoint · " + step.label());
        model.put("step", step.key());
        model.put("steps", WizardStep.values());
        model.put("draft", draft);
        model.put("connectorLabel", TouchpointRow.connectorLabel(draft.connector()));
        model.put("hidden", draft.hiddenExcept(step));
        model.put("problems", problems);
        model.put("passwordKept", !draft.sealedPassword().isEmpty() && sealing.open(caller, draft.sealedPassword()).isPresent());
        model.put("consent", draft.signsInByConsent());
        // The mailbox setting (Gmail emailAddress, Graph mailbox) is the address: not asked twice.
        String mailboxSetting = factory.mailboxAddressSetting().orElse("");
        model.put("fields", factory.settingFields().stream().filter(f -> !f.name().equals(mailboxSetting))
                .map(f -> FieldView.of(f, draft.settings().getOrDefault(f.name(), ""), problems.get("s." + f.name()))).toList());
        model.put("groups", groups.list(caller.tenant()));
        model.put("summary", summary(factory, draft, caller));
        List<DataSourceRows.Row> rows = DataSourceRows.rows(draft.dataSource(), emptyRows, problems);
        model.put("dataSourceRows", rows);
        model.put("moreRows", DataSourceRows.roomForMore(rows));
        if (testPassed != null) {
            model.put("testPassed", testPassed);
        }
        if (testFailed != null) {
            model.put("testFailed", testFailed);
        }
        return pages.render(status, "wizard-step", model, request);
    }

    /** The summary table: label → value, the password only as "set". */
    private List<Map.Entry<String, String>> summary(ConnectorFactory factory, WizardDraft draft, Caller caller) {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        rows.add(Map.entry("Connector", TouchpointRow.connectorLabel(draft.connector())));
        rows.add(Map.entry("Email address", draft.address()));
        rows.add(Map.entry("Display name", draft.displayName()));
        rows.add(Map.entry("Direction", draft.direction()));
        var names = groups.list(caller.tenant()).stream().filter(g -> draft.ringGroupIds().contains(g.id().toString()))
                .map(g -> g.name()).toList();
        rows.add(Map.entry("Ring groups", names.isEmpty() ? "none" : String.join(", ", names)));
        Map<String, String> effective = draft.connectorSettings();
        for (SettingField f : factory.settingFields()) {
            if (f.type() == SettingType.PASSWORD) {
                rows.add(Map.entry(f.label(), draft.sealedPassword().isEmpty() ? "not set" : "set (not shown)"));
            } else if (!f.secret()) {
                rows.add(Map.entry(f.label(), effective.getOrDefault(f.name(), f.defaultValueIfAny().map(d -> d + " (default)").orElse("—"))));
            }
        }
        rows.add(Map.entry("Initial import", "0".equals(draft.policy().get(InboundPolicy.INITIAL_IMPORT_DAYS)) ? "only new mail"
                : "mail of the last " + draft.policy().get(InboundPolicy.INITIAL_IMPORT_DAYS) + " days"));
        rows.add(Map.entry("Wait for the assigned agent (s)", draft.policy().get(InboundPolicy.WAIT_FOR_ASSIGNED_AGENT)));
        rows.add(Map.entry("Follow-up on a closed conversation", draft.policy().get(InboundPolicy.FOLLOW_UP_ON_CLOSED)));
        if (draft.dataSource().isEmpty()) {
            rows.add(Map.entry("Data-source key/values", "none"));
        }
        draft.dataSource().forEach(pair -> rows.add(Map.entry("Data source: " + pair.key(), pair.value())));
        rows.add(Map.entry("Report service name", draft.reportServiceName().isEmpty()
                ? draft.displayName() + " (the display name)" : draft.reportServiceName()));
        return rows;
    }
}
