package dev.postline.tenantadmin.web.wizard;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.connector.VerifySentence;
import dev.postline.core.ingest.InboundPolicy;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.OAuthProviders;
import dev.postline.core.token.ProviderStatus;
import dev.postline.core.touchpoint.DataSource;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.ImapOAuthRefusal;
import dev.postline.core.touchpoint.ReportServiceName;
import dev.postline.core.touchpoint.SameMailbox;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import dev.postline.core.web.InputCheck;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.PageRenderer;
import dev.postline.tenantadmin.web.consent.ConsentRedirect;
import dev.postline.tenantadmin.web.touchpoint.DataSourceRows;
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
import java.util.UUID;

/**
 * The new-touchpoint wizard: provider → connection (the connector's own fields, "test connection")
 * → settings (incl. data-source key/values and report service name) → summary → create. Each step
 * posts everything collected so far and is checked again, so a step can never be skipped by crafting a request.
 */
@Hidden
@Controller("/admin/touchpoints/new")
@Secured(Roles.ADMIN)
public class NewTouchpointController {

    static final String FAILURE = "Could not connect with these settings.";

    private final ConnectorRegistry connectors;
    private final ConnectorSessions sessions;
    private final TouchpointService touchpoints;
    private final RingGroupService groups;
    private final SealedPassword sealing;
    private final WizardPage wizardPage;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;
    private final OAuthProviders oauth;
    private final ConsentRedirect consent;

    public NewTouchpointController(ConnectorRegistry connectors, ConnectorSessions sessions, TouchpointService touchpoints,
                                   RingGroupService groups, SealedPassword sealing, WizardPage wizardPage, AdminFrame frame,
                                   PageRenderer pages, ErrorPages errors, OAuthProviders oauth, ConsentRedirect consent) {
        this.consent = consent;
        this.connectors = connectors;
        this.sessions = sessions;
        this.touchpoints = touchpoints;
        this.groups = groups;
        this.sealing = sealing;
        this.wizardPage = wizardPage;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
        this.oauth = oauth;
    }

    @Get
    public HttpResponse<String> chooseProvider(HttpRequest<?> request, @Authenticated Caller caller) {
        List<ProviderChoice> choices = new ArrayList<>();
        oauthChoice(choices, "gmail", OAuthProvider.GOOGLE, "Gmail / Google Workspace", "Sign in with Google (OAuth).");
        oauthChoice(choices, "graph", OAuthProvider.MICROSOFT, "Microsoft 365", "Sign in with Microsoft (OAuth).");
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
            case CONNECTION -> go.equals("test") && !draft.signsInByConsent() ? test(request, caller, factory, draft) : leaveConnection(request, caller, factory, draft);
            case SETTINGS -> go.equals("back") ? step(request, caller, HttpStatus.OK, WizardStep.CONNECTION, draft, Map.of(), null, null)
                    : go.equals(DataSourceRows.MORE_ROWS) ? moreRows(request, caller, draft, form)
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
        VerifyResult result = sessions.verifyCandidate(caller.tenant(), draft.connector(), sessionSettings(factory, draft), password)
                .orElseThrow(() -> ApiException.notFound("connector"));
        if (result.ok()) {
            return step(request, caller, HttpStatus.OK, WizardStep.CONNECTION, draft, Map.of(), "Connection works. " + result.message(), null);
        }
        // The failed check's own words name the cause (name, port, policy, TLS, login) without secrets or addresses.
        return step(request, caller, HttpStatus.OK, WizardStep.CONNECTION, draft, Map.of(), null,
                FAILURE + " " + VerifySentence.of(result));
    }

    /** The connector's settings as a session gets them: the address filled in where the connector takes it from there. */
    private static Map<String, String> sessionSettings(ConnectorFactory factory, WizardDraft draft) {
        Map<String, String> settings = new LinkedHashMap<>(draft.connectorSettings());
        for (var key : List.of(factory.mailboxAddressSetting(), factory.addressDefaultSetting())) {
            key.filter(k -> settings.getOrDefault(k, "").isBlank()).ifPresent(k -> settings.put(k, draft.address()));
        }
        return settings;
    }

    private HttpResponse<String> leaveConnection(HttpRequest<?> request, Caller caller, ConnectorFactory factory, WizardDraft draft) {
        Map<String, String> problems = connectionProblems(caller, factory, draft);
        if (!problems.isEmpty()) {
            return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.CONNECTION, draft, problems, null, null);
        }
        try {
            touchpoints.refuseSameMailbox(caller.tenant(), draft.connector(), draft.address(), sessionSettings(factory, draft));
        } catch (ApiException e) {
            return step(request, caller, e.status(), WizardStep.CONNECTION, draft, Map.of(), null, e.getMessage());
        }
        return step(request, caller, HttpStatus.OK, WizardStep.SETTINGS, draft, Map.of(), null, null);
    }

    private HttpResponse<String> leaveSettings(HttpRequest<?> request, Caller caller, WizardDraft draft) {
        ConnectorFactory factory = factory(draft.connector());
        if (Direction.BOTH.name().equals(draft.direction()) || Direction.OUTBOUND.name().equals(draft.direction())) {
            // Sending needs an outgoing server, which the connection step let an inbound-only touchpoint leave out.
            Map<String, String> sending = new LinkedHashMap<>();
            factory.validateSending(sessionSettings(factory, draft)).errors().forEach((field, message) -> sending.put("s." + field, message));
            if (!sending.isEmpty()) {
                return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.CONNECTION, draft, sending, null, null);
            }
        }
        Map<String, String> problems = settingsProblems(caller, draft);
        if (!problems.isEmpty()) {
            return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.SETTINGS, draft, problems, null, null);
        }
        return step(request, caller, HttpStatus.OK, WizardStep.SUMMARY, draft, Map.of(), null, null);
    }

    /** "More rows" without JavaScript: the settings step again, as filled in, with more empty key/value rows. */
    private HttpResponse<String> moreRows(HttpRequest<?> request, Caller caller, WizardDraft draft, Form form) {
        DataSourceRows.Submitted rows = DataSourceRows.of(form);
        int empty = (rows == null ? 0 : rows.emptyRows()) + DataSourceRows.EMPTY_ROWS;
        return wizardPage.render(request, caller, HttpStatus.OK, WizardStep.SETTINGS, draft, Map.of(), null, null, empty);
    }

    private HttpResponse<String> create(HttpRequest<?> request, Caller caller, WizardDraft draft) {
        Optional<String> password = sealing.open(caller, draft.sealedPassword());
        boolean byConsent = draft.signsInByConsent();
        if (password.isEmpty() && !byConsent) {
            return step(request, caller, HttpStatus.BAD_REQUEST, WizardStep.CONNECTION, draft,
                    Map.of("s.password", "enter the password again (it is kept for one hour only)"), null, null);
        }
        UuidList ringGroups = UuidList.parse(draft.ringGroupIds());
        try {
            var created = touchpoints.create(caller.tenant(), new TouchpointService.NewTouchpoint(draft.address(), draft.displayName(),
                    draft.connector(), Direction.valueOf(draft.direction()), true, ringGroups.ids(), draft.touchpointSettings(),
                    draft.dataSource(), draft.reportServiceName()));
            UUID id = created.touchpoint().id();
            if (byConsent) {
                return consentFor(request, caller, id);
            }
            touchpoints.setPassword(caller.tenant(), id, new TouchpointService.CredentialUpdate(password.get()));
            return PageRenderer.seeOther("/admin/touchpoints/" + id + "?done=created");
        } catch (ApiException e) {
            if (e.status() == HttpStatus.CONFLICT && e.errors().stream().anyMatch(f -> f.field().equals(SameMailbox.FIELD))) {
                return step(request, caller, HttpStatus.CONFLICT, WizardStep.CONNECTION, draft, Map.of(), null, e.getMessage());
            }
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

    /**
     * Straight on to the provider's consent for a new Gmail / Microsoft 365 touchpoint. Should the
     * consent not start (the platform's app was unconfigured meanwhile), the touchpoint exists and
     * its re-authenticate page says why and offers the button again.
     */
    private HttpResponse<String> consentFor(HttpRequest<?> request, Caller caller, UUID touchpointId) {
        try {
            return consent.toProvider(request, caller, touchpointId);
        } catch (ApiException e) {
            return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "/reauthenticate");
        }
    }

    /** Problems of the connection step, keyed by form field name; checked without touching the network. */
    private Map<String, String> connectionProblems(Caller caller, ConnectorFactory factory, WizardDraft draft) {
        Map<String, String> problems = new LinkedHashMap<>();
        InputCheck in = InputCheck.start();
        in.email("address", draft.address());
        in.errors().forEach(e -> problems.put(e.field(), e.message()));
        Map<String, String> settings = sessionSettings(factory, draft);
        InputCheck oauth = InputCheck.start();
        ImapOAuthRefusal.check(oauth, ConnectorKind.fromWire(factory.kind()), settings, null);
        oauth.errors().forEach(e -> problems.put(formName(e.field()), e.message()));
        factory.validate(settings).errors().forEach((field, message) -> problems.put("s." + field, message));
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
        DataSource.check(in, "dataSource", draft.dataSource());
        ReportServiceName.check(in, "reportServiceName", draft.reportServiceName());
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
        return wizardPage.render(request, caller, status, step, draft, problems, testPassed, testFailed);
    }

    private ConnectorFactory factory(String kind) {
        return connectors.find(kind).orElseThrow(() -> ApiException.notFound("connector"));
    }

    /** Offered only when the connector is installed AND the platform's OAuth app is configured; else says why. */
    private void oauthChoice(List<ProviderChoice> choices, String kind, OAuthProvider provider, String label, String description) {
        boolean installed = connectors.find(kind).isPresent();
        ProviderStatus status = oauth.status(provider);
        boolean available = installed && status.configured();
        choices.add(new ProviderChoice(label, description,
                available ? "/admin/touchpoints/new/connection?connector=" + kind : null,
                available ? null : installed ? status.explanation() : "not available yet"));
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
