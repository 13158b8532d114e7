package dev.postline.tenantadmin.web.wizard;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.ingest.InboundPolicy;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.OAuthProviders;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import dev.postline.core.web.InputCheck;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.PageRenderer;
import dev.postline.tenantadmin.web.touchpoint.TouchpointRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The new-touchpoint wizard: provider → connection (the connector's own fields, "test connection")
 * → settings → summary → create. Each step posts everything collected so far and is checked again,
 * so a step can never be skipped by crafting a request.
 */
@Hidden
@Controller("/admin/touchpoints/new")
@Secured(Roles.ADMIN)
public class NewTouchpointController {

    static final String GENERIC_FAILURE = "Could not connect with these settings. Check the server names, ports, security, "
            + "user name and password, and that the folder exists.";

    private final ConnectorRegistry connectors;
    private final ConnectorSessions sessions;
    private final TouchpointService touchpoints;
    private final RingGroupService groups;
    private final SealedPassword sealing;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;
    private final OAuthProviders oauth;

    public NewTouchpointController(ConnectorRegistry connectors, ConnectorSessions sessions, TouchpointService touchpoints,
                                   RingGroupService groups, SealedPassword sealing, AdminFrame frame, PageRenderer pages,
                                   ErrorPages errors, OAuthProviders oauth) {
        this.connectors = connectors;
        this.sessions = sessions;
        this.touchpoints = touchpoints;
        this.groups = groups;
        this.sealing = sealing;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
        this.oauth = oauth;
    }

    @Get
    public HttpResponse<String> chooseProvider(HttpRequest<?> request, @Authenticated Caller caller) {
        List<ProviderChoice> choices = new ArrayList<>();
        oauthChoice(choices, "gmail", "Gmail / Google Workspace", "Sign in with Google (OAuth).");
        oauthChoice(choices, "graph", "Microsoft 365", "Sign in with Microsoft (OAuth).");
        connectors.find("imap").ifPresent(imap -> imap.settingFields().stream().filter(f -> f.name().equals("preset")).findFirst()
                .ifPresent(preset -> preset.allowedValues().forEach(value -> choices.add(new ProviderChoice(
                        "IMAP/SMTP · " + presetLabel(value),
                        value.equals("custom") ? "Any mail server: enter its IMAP and SMTP servers."
                                : "Servers, ports and security filled in; sign in with an app password.",
                        "/admin/touchpoints/new/connection?connector=imap&preset=" + URLEncoder.encode(value, StandardCharsets.UTF_8),
                        null)))));
        Map<String, Object> model = frame.model(caller, "touchpoints", "New touchpoint");
        model.put("choices", choices);
        return pages.ok("wizard-provider", model, request);
    }

    @Get("/connection")
    public HttpResponse<String> connection(HttpRequest<?> request, @Authenticated Caller caller,
                                           @QueryValue @Nullable String connector, @QueryValue @Nullable String preset) {
        connector = connector == null ? "imap" : connector;
        ConnectorFactory factory = factory(connector);
        WizardDraft draft = WizardDraft.start(connector, factory.settingFields(), preset == null ? "" : preset);
        return step(request, caller, HttpStatus.OK, WizardStep.CONNECTION, draft, Map.of(), null, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> submit(HttpRequest<?> request, @Authenticated Caller caller, @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        ConnectorFactory factory = factory(form.get("connector"));
        WizardStep submitted = switch (form.get("step")) {
            case "settings" -> WizardStep.SETTINGS;
            case "summary" -> WizardStep.SUMMARY;
            default -> WizardStep.CONNECTION;
        };
        WizardDraft draft = WizardDraft.from(form, factory.settingFields(), submitted == WizardStep.CONNECTION);
        String password = form.get("s." + TouchpointService.PASSWORD_FIELD);
        if (!password.isEmpty()) {
            draft = draft.withSealedPassword(sealing.seal(caller, password));
        }
        String go = form.get("go");
        return switch (submitted) {
            case CONNECTION -> go.equals("test") ? test(request, caller, factory, draft) : leaveConnection(request, caller, factory, draft);
            case SETTINGS -> go.equals("back") ? step(request, caller, HttpStatus.OK, WizardStep.CONNECTION, draft, Map.of(), null, null)
                    : leaveSettings(request, caller, draft);
            case SUMMARY -> go.equals("back") ? step(request, caller, HttpStatus.OK, WizardStep.SETTINGS, draft, Map.of(), null, null)
                    : create(request, caller, draft);
        };
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> test(HttpRequest<?> request, Caller caller, ConnectorFactory factory, WizardDraft draft) {
        Map<String, String> problems = connectionProblems(caller, factory, draft);
        if (!problems.isEmpty()) {
            return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.CONNECTION, draft, problems, null, null);
        }
        String password = sealing.open(caller, draft.sealedPassword()).orElse("");
        VerifyResult result = sessions.verifyCandidate(caller.tenant(), draft.connector(), draft.connectorSettings(), password)
                .orElseThrow(() -> ApiException.notFound("connector"));
        if (result.ok()) {
            return step(request, caller, HttpStatus.OK, WizardStep.CONNECTION, draft, Map.of(), "Connection works. " + result.message(), null);
        }
        // Generic on purpose: provider texts can be long, technical or revealing. Only the failed step's name is added.
        String failedStep = result.checks().stream().filter(c -> !c.ok()).map(VerifyResult.Check::name).findFirst().orElse("login");
        return step(request, caller, HttpStatus.OK, WizardStep.CONNECTION, draft, Map.of(), null,
                GENERIC_FAILURE + " (Failed step: " + failedStep + ".)");
    }

    private HttpResponse<String> leaveConnection(HttpRequest<?> request, Caller caller, ConnectorFactory factory, WizardDraft draft) {
        Map<String, String> problems = connectionProblems(caller, factory, draft);
        if (!problems.isEmpty()) {
            return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.CONNECTION, draft, problems, null, null);
        }
        return step(request, caller, HttpStatus.OK, WizardStep.SETTINGS, draft, Map.of(), null, null);
    }

    private HttpResponse<String> leaveSettings(HttpRequest<?> request, Caller caller, WizardDraft draft) {
        Map<String, String> problems = settingsProblems(caller, draft);
        if (!problems.isEmpty()) {
            return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.SETTINGS, draft, problems, null, null);
        }
        return step(request, caller, HttpStatus.OK, WizardStep.SUMMARY, draft, Map.of(), null, null);
    }

    private HttpResponse<String> create(HttpRequest<?> request, Caller caller, WizardDraft draft) {
        Optional<String> password = sealing.open(caller, draft.sealedPassword());
        if (password.isEmpty()) {
            return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.CONNECTION, draft,
                    Map.of("s.password", "enter the password again (it is kept for one hour only)"), null, null);
        }
        UuidList ringGroups = UuidList.parse(draft.ringGroupIds());
        try {
            var created = touchpoints.create(caller.tenant(), new TouchpointService.NewTouchpoint(draft.address(), draft.displayName(),
                    draft.connector(), Direction.valueOf(draft.direction()), true, ringGroups.ids(), draft.touchpointSettings()));
            touchpoints.setPassword(caller.tenant(), created.touchpoint().id(), new TouchpointService.CredentialUpdate(password.get()));
            return PageRenderer.seeOther("/admin/touchpoints/" + created.touchpoint().id() + "?done=created");
        } catch (ApiException e) {
            if (e.status() == HttpStatus.CONFLICT) {
                return step(request, caller, HttpStatus.CONFLICT, WizardStep.SETTINGS, draft, Map.of("displayName", e.getMessage()), null, null);
            }
            Map<String, String> problems = new LinkedHashMap<>();
            for (FieldError error : e.errors()) {
                problems.put(error.field().startsWith("settings.") ? formName(error.field()) : error.field(), error.message());
            }
            boolean connectionField = problems.keySet().stream().anyMatch(k -> k.equals("address") || k.startsWith("s."));
            return step(request, caller, e.status(), connectionField ? WizardStep.CONNECTION : WizardStep.SETTINGS, draft,
                    problems.isEmpty() ? Map.of("displayName", e.getMessage()) : problems, null, null);
        }
    }

    /** Problems of the connection step, keyed by form field name; checked without touching the network. */
    private Map<String, String> connectionProblems(Caller caller, ConnectorFactory factory, WizardDraft draft) {
        Map<String, String> problems = new LinkedHashMap<>();
        InputCheck in = InputCheck.start();
        in.email("address", draft.address());
        in.errors().forEach(e -> problems.put(e.field(), e.message()));
        factory.validate(draft.connectorSettings()).errors().forEach((field, message) -> problems.put("s." + field, message));
        boolean needsPassword = factory.settingFields().stream().anyMatch(f -> f.type() == SettingType.PASSWORD)
                && !"xoauth2".equals(draft.settings().get("auth"));
        if (needsPassword && sealing.open(caller, draft.sealedPassword()).isEmpty()) {
            problems.put("s." + TouchpointService.PASSWORD_FIELD, "is required");
        }
        return problems;
    }

    private Map<String, String> settingsProblems(Caller caller, WizardDraft draft) {
        InputCheck in = InputCheck.start();
        String name = in.text("displayName", draft.displayName(), 200);
        try {
            Direction.valueOf(draft.direction());
        } catch (IllegalArgumentException e) {
            in.fail("direction", "choose inbound, outbound or both");
        }
        Map<String, String> policy = new HashMap<>(draft.policy());
        InboundPolicy.check(in, policy);
        if (UuidList.parse(draft.ringGroupIds()).invalid()) {
            in.fail("ringGroupIds", "unknown ring group");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        in.errors().forEach(e -> problems.put(e.field().startsWith("settings.") ? "p." + e.field().substring(9) : e.field(), e.message()));
        if (name != null && touchpoints.list(caller.tenant()).stream()
                .anyMatch(d -> d.touchpoint().displayName().equalsIgnoreCase(name))) {
            problems.put("displayName", "a touchpoint with this name already exists");
        }
        return problems;
    }

    private HttpResponse<String> step(HttpRequest<?> request, Caller caller, HttpStatus status, WizardStep step, WizardDraft draft,
                                      Map<String, String> problems, @Nullable String testPassed, @Nullable String testFailed) {
        ConnectorFactory factory = factory(draft.connector());
        Map<String, Object> model = frame.model(caller, "touchpoints", "New touchpoint · " + step.label());
        model.put("step", step.key());
        model.put("steps", WizardStep.values());
        model.put("draft", draft);
        model.put("connectorLabel", TouchpointRow.connectorLabel(draft.connector()));
        model.put("hidden", draft.hiddenExcept(step));
        model.put("problems", problems);
        model.put("passwordKept", !draft.sealedPassword().isEmpty() && sealing.open(caller, draft.sealedPassword()).isPresent());
        model.put("fields", factory.settingFields().stream()
                .map(f -> FieldView.of(f, draft.settings().getOrDefault(f.name(), ""), problems.get("s." + f.name()))).toList());
        model.put("groups", groups.list(caller.tenant()));
        model.put("summary", summary(factory, draft, caller));
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
        return rows;
    }

    private ConnectorFactory factory(String kind) {
        return connectors.find(kind).orElseThrow(() -> ApiException.notFound("connector"));
    }

    /** Offered only when the connector is installed and the platform's OAuth app for it is configured (else: why not). */
    private void oauthChoice(List<ProviderChoice> choices, String kind, String label, String description) {
        OAuthProvider provider = OAuthProvider.forKind(ConnectorKind.fromWire(kind)).orElseThrow();
        String note = connectors.find(kind).isEmpty() ? "not available yet"
                : oauth.client(provider).isEmpty() ? oauth.status(provider).explanation() : null;
        choices.add(new ProviderChoice(label, description, note == null ? "/admin/touchpoints/new/connection?connector=" + kind : null, note));
    }

    private static String formName(String apiField) {
        return "s." + apiField.substring("settings.".length());
    }

    private static String presetLabel(String value) {
        return switch (value) {
            case "custom" -> "Other server";
            case "gmail" -> "Gmail (app password)";
            case "office365" -> "Microsoft 365 (app password)";
            case "outlook" -> "Outlook.com";
            case "icloud" -> "iCloud";
            case "yahoo" -> "Yahoo";
            case "aol" -> "AOL";
            default -> value;
        };
    }
}
