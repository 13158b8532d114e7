package dev.postline.tenantadmin.web.wizard;

import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import dev.postline.core.ingest.InboundPolicy;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.touchpoint.DataSourcePair;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.touchpoint.DataSourceRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the new-touchpoint wizard has collected so far. It travels between steps in hidden
 * form fields (the password only sealed, see {@link SealedPassword}); every step checks it again.
 * Connector settings are named {@code s.<field>}, Postline's inbound policy {@code p.<key>}, the
 * data-source key/values {@code ds.<i>.key} / {@code ds.<i>.value} (filled rows only, see
 * {@link DataSourceRows}), the report service name {@code reportServiceName} ("" = the display name).
 */
public record WizardDraft(String connector, String address, Map<String, String> settings, String sealedPassword,
                          String displayName, String direction, List<String> ringGroupIds, Map<String, String> policy,
                          List<DataSourcePair> dataSource, String reportServiceName) {

    /** Postline's own per-touchpoint settings the wizard offers, with their defaults. */
    public static final Map<String, String> POLICY_DEFAULTS = java.util.Collections.unmodifiableMap(policyDefaults());

    private static Map<String, String> policyDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(InboundPolicy.INITIAL_IMPORT_DAYS, "0");
        defaults.put(InboundPolicy.WAIT_FOR_ASSIGNED_AGENT, "10");
        defaults.put(InboundPolicy.FOLLOW_UP_ON_CLOSED, "reopen");
        defaults.put(dev.postline.core.outbound.OutboundPolicy.UNCERTAIN_DELIVERY, "hold");
        return defaults;
    }

    static WizardDraft start(String connector, List<SettingField> fields, String preset) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (SettingField f : fields) {
            if (!f.secret()) {
                settings.put(f.name(), f.defaultValueIfAny().orElse(""));
            }
        }
        if (settings.containsKey("preset") && !preset.isBlank()) {
            settings.put("preset", preset);
        }
        return new WizardDraft(connector, "", settings, "", "", "BOTH", List.of(), new LinkedHashMap<>(POLICY_DEFAULTS), List.of(), "");
    }

    /**
     * A new touchpoint like {@code source}: the same connector, servers, direction, ring groups,
     * policy, data-source key/values and report service name, but no address, user name, name or
     * password: those belong to the mailbox being copied.
     */
    static WizardDraft copyOf(TouchpointService.TouchpointDetails source, List<SettingField> fields) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (SettingField f : fields) {
            if (!f.secret() && f.type() != SettingType.PASSWORD) {
                settings.put(f.name(), f.name().equals("username") ? "" : source.settings().getOrDefault(f.name(), ""));
            }
        }
        Map<String, String> policy = new LinkedHashMap<>();
        POLICY_DEFAULTS.forEach((key, def) -> policy.put(key, source.settings().getOrDefault(key, def)));
        var t = source.touchpoint();
        return new WizardDraft(t.connectorKind().wireName(), "", settings, "", "", t.direction().name(),
                source.ringGroupIds().stream().map(java.util.UUID::toString).toList(), policy, t.dataSource().pairs(),
                t.reportServiceName() == null ? "" : t.reportServiceName());
    }

    /**
     * Reads the draft from a submitted step. {@code connectionStepShown}: the connector fields were
     * visible inputs (an unchecked checkbox then means false, not "absent").
     */
    static WizardDraft from(Form form, List<SettingField> fields, boolean connectionStepShown) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (SettingField f : fields) {
            if (f.secret()) {
                continue;
            }
            String value = form.get("s." + f.name()).strip();
            if (f.type() == SettingType.BOOLEAN && connectionStepShown) {
                value = Boolean.toString("true".equals(value));
            }
            settings.put(f.name(), value);
        }
        Map<String, String> policy = new LinkedHashMap<>();
        POLICY_DEFAULTS.forEach((key, def) -> policy.put(key, form.has("p." + key) ? form.get("p." + key).strip() : def));
        DataSourceRows.Submitted rows = DataSourceRows.of(form);
        return new WizardDraft(form.get("connector"), form.get("address").strip(), settings, form.get("sealed"),
                form.get("displayName").strip(), form.has("direction") ? form.get("direction") : "BOTH",
                form.all("ringGroupIds"), policy, rows == null ? List.of() : rows.pairs(), form.get("reportServiceName").strip());
    }

    /** Gmail and Microsoft 365: the mailbox is authorized by the provider's consent after creation, never with a password. */
    boolean signsInByConsent() {
        return java.util.Arrays.stream(ConnectorKind.values()).anyMatch(k -> k.wireName().equals(connector)
                && OAuthProvider.forKind(k).isPresent());
    }

    WizardDraft withSealedPassword(String sealed) {
        return new WizardDraft(connector, address, settings, sealed, displayName, direction, ringGroupIds, policy, dataSource,
                reportServiceName);
    }

    /** The settings the touchpoint is created with: non-empty connector values plus the policy. */
    Map<String, String> touchpointSettings() {
        Map<String, String> result = connectorSettings();
        result.putAll(policy);
        return result;
    }

    /** Non-empty connector values (empty = the connector's default), with the user name defaulting to the address. */
    Map<String, String> connectorSettings() {
        Map<String, String> result = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (!v.isEmpty()) {
                result.put(k, v);
            }
        });
        if (settings.containsKey("username") && result.get("username") == null && !address.isEmpty()) {
            result.put("username", address);
        }
        return result;
    }

    /** One hidden input. */
    public record Hidden(String name, String value) {}

    /** The hidden inputs a step carries: every value not shown as an input on that step. */
    List<Hidden> hiddenExcept(WizardStep step) {
        List<Hidden> hidden = new ArrayList<>();
        hidden.add(new Hidden("connector", connector));
        hidden.add(new Hidden("sealed", sealedPassword));
        if (step != WizardStep.CONNECTION) {
            hidden.add(new Hidden("address", address));
            settings.forEach((k, v) -> hidden.add(new Hidden("s." + k, v)));
        }
        if (step != WizardStep.SETTINGS) {
            hidden.add(new Hidden("displayName", displayName));
            hidden.add(new Hidden("direction", direction));
            ringGroupIds.forEach(id -> hidden.add(new Hidden("ringGroupIds", id)));
            policy.forEach((k, v) -> hidden.add(new Hidden("p." + k, v)));
            DataSourceRows.hiddenFields(dataSource).forEach(f -> hidden.add(new Hidden(f.getKey(), f.getValue())));
            hidden.add(new Hidden("reportServiceName", reportServiceName));
        }
        return hidden;
    }
}
