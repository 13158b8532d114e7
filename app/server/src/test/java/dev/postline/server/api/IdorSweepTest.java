package dev.postline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.server.support.ConversationFixture;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.MultipartUpload;
import dev.postline.server.support.Http.RawBody;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.http.HttpMethod;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.postline.core.notification.NotificationKind;
import dev.postline.core.notification.Notifications;
import dev.postline.core.tenant.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenant B's admin, agent and API key against every route of the API and the admin pages, aimed at tenant A's ids.
 * The routes come from the router, so a new endpoint is swept without anyone adding it here; a
 * route whose path variable or body this test cannot fill fails the sweep until a fixture is added.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdorSweepTest implements PostlineTestProperties {

    /** How to fill each path variable with one of tenant A's ids. */
    private static final Map<String, Function<IdorSweepTest, String>> VARIABLES = Map.ofEntries(
            Map.entry("userId", s -> s.a.agentId()),
            Map.entry("ringGroupId", s -> s.a.ringGroupId()),
            Map.entry("touchpointId", s -> s.a.touchpointId()),
            Map.entry("apiKeyId", s -> s.a.apiKeyId()),
            Map.entry("tenantId", s -> s.a.tenantId()),
            Map.entry("conversationId", s -> s.aMail.conversationId()),
            Map.entry("messageId", s -> s.aMail.messageId()),
            Map.entry("attachmentId", s -> s.aMail.attachmentId()),
            Map.entry("quarantineId", s -> s.aMail.quarantineId()),
            Map.entry("entryId", s -> s.aMail.blocklistEntryId()),
            Map.entry("notificationId", s -> s.aNotificationId),
            Map.entry("responseId", s -> s.aResponseId),
            Map.entry("imageId", s -> s.aImageId),
            Map.entry("uploadId", s -> s.aUploadId),
            Map.entry("draftId", s -> s.aDraftId),
            Map.entry("dispositionId", s -> s.aDisposition));

    /** A valid body for every mutating route with path variables (so a 400 cannot mask a leak). */
    private static final Map<String, Object> BODIES = Map.ofEntries(
            Map.entry("PATCH /api/v1/users/{userId}", Map.of("displayName", "Hijacked", "role", "ADMIN")),
            Map.entry("PATCH /api/v1/ring-groups/{ringGroupId}", Map.of("name", "Hijacked")),
            Map.entry("PATCH /api/v1/touchpoints/{touchpointId}", Map.of("displayName", "Hijacked", "enabled", false)),
            Map.entry("PUT /api/v1/touchpoints/{touchpointId}/credential", Map.of("password", "hijacked-password")),
            Map.entry("POST /api/v1/touchpoints/{touchpointId}/blocklist", Map.of("pattern", "@hijack.example.com")),
            Map.entry("POST /api/v1/conversations/{conversationId}/reply", Map.of("text", "Hijacked reply")),
            Map.entry("POST /api/v1/conversations/{conversationId}/notes", Map.of("text", "Hijacked note")),
            Map.entry("POST /api/v1/touchpoints/{touchpointId}/reauthenticate", Map.of("password", "hijacked-password")),
            Map.entry("POST /api/v1/touchpoints/{touchpointId}/reconnect", Map.of()),
            Map.entry("POST /api/v1/touchpoints/{touchpointId}/verify", Map.of()),
            Map.entry("POST /api/v1/notifications/{notificationId}/read", Map.of()),
            Map.entry("PATCH /api/v1/standard-responses/{responseId}", Map.of("name", "Hijacked", "text", "Hijacked")),
            Map.entry("PUT /api/v1/touchpoints/{touchpointId}/signature", Map.of("html", "<p>Hijacked</p>", "active", true)),
            Map.entry("PUT /api/v1/touchpoints/{touchpointId}/template", Map.of("headerHtml", "<p>Hijacked</p>")),
            Map.entry("POST /api/v1/touchpoints/{touchpointId}/template/preview", Map.of("text", "Hijacked")),
            Map.entry("PUT /api/v1/touchpoints/{touchpointId}/contact-card", Map.of("enabled", true, "fullName", "Hijacked")),
            // Admin pages: forms, sent with a bearer token (CSRF applies to cookie sessions only).
            Map.entry("POST /admin/touchpoints/{touchpointId}/enabled", RawBody.form("enabled=false")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/delete", RawBody.form("")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/quarantine/{quarantineId}/reprocess", RawBody.form("")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/blocklist/add", RawBody.form("pattern=%40hijack.example.com&note=x")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/blocklist/{entryId}/delete", RawBody.form("")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/blocklist/import",
                    RawBody.file("file", "hijack.csv", "address\r\nhijack@hijack.example.com\r\n")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/blocklist/import/mapped",
                    RawBody.form("csv=hijack%40hijack.example.com&addressColumn=0&noteColumn=-1&go=save")),
            Map.entry("POST /api/v1/conversations/{conversationId}/reply-all", Map.of("text", "Hijacked reply")),
            Map.entry("POST /api/v1/conversations/{conversationId}/messages/{messageId}/confirm-sent", Map.of()),
            Map.entry("POST /api/v1/conversations/{conversationId}/messages/{messageId}/send-again", Map.of()),
            Map.entry("POST /api/v1/conversations/{conversationId}/forward", Map.of("to", List.of("x@hijack.example.com"))),
            Map.entry("POST /api/v1/conversations/{conversationId}/drafts", Map.of("text", "Hijacked draft")),
            Map.entry("PUT /api/v1/conversations/{conversationId}/drafts/{draftId}", Map.of("version", 1, "text", "Hijacked draft")),
            Map.entry("PUT /api/v1/touchpoints/{touchpointId}/auto-reply", Map.of("text", "Hijacked auto-reply", "active", true)),
            Map.entry("PATCH /api/v1/dispositions/{dispositionId}", Map.of("name", "Hijacked", "active", false)),
            Map.entry("PUT /api/v1/touchpoints/{touchpointId}/dispositions", Map.of("dispositionIds", List.of())),
            Map.entry("POST /api/v1/conversations/{conversationId}/transfer", Map.of("ringGroupId", new java.util.UUID(0, 1).toString())),
            Map.entry("POST /admin/touchpoints/{touchpointId}/reconnect", RawBody.form("")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/reauthenticate", RawBody.form("password=hijacked-password")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/edit", RawBody.form("displayName=Hijacked&direction=BOTH&s.password=hijacked")),
            Map.entry("POST /admin/notifications/{notificationId}/read", RawBody.form("")),
            // Admin content pages (signature, template, auto-reply, contact card, standard responses, ring groups, users).
            Map.entry("POST /admin/touchpoints/{touchpointId}/signature", RawBody.form("html=%3Cp%3EHijacked%3C%2Fp%3E&active=true")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/signature/preview", RawBody.form("html=%3Cp%3EHijacked%3C%2Fp%3E")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/signature/images/{imageId}/delete", RawBody.form("")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/template", RawBody.form("headerHtml=%3Cp%3EHijacked%3C%2Fp%3E&footerHtml=")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/template/preview", RawBody.form("headerHtml=Hijacked&footerHtml=")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/auto-reply", RawBody.form("subject=&html=&text=Hijacked&active=true&perSenderHours=3")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/auto-reply/preview", RawBody.form("text=Hijacked")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/contact-card", RawBody.form("enabled=true&fullName=Hijacked")),
            Map.entry("POST /admin/standard-responses/{responseId}", RawBody.form("name=Hijacked&text=Hijacked&html=")),
            Map.entry("POST /admin/standard-responses/{responseId}/delete", RawBody.form("")),
            Map.entry("POST /admin/ring-groups/{ringGroupId}", RawBody.form("name=Hijacked&description=x")),
            Map.entry("POST /admin/ring-groups/{ringGroupId}/members", RawBody.form("userId=00000000-0000-4000-8000-00000000beef")),
            Map.entry("POST /admin/ring-groups/{ringGroupId}/members/{userId}/remove", RawBody.form("")),
            Map.entry("POST /admin/ring-groups/{ringGroupId}/delete", RawBody.form("")),
            Map.entry("POST /admin/users/{userId}", RawBody.form("displayName=Hijacked&role=ADMIN&enabled=true")),
            Map.entry("POST /admin/users/{userId}/delete", RawBody.form("")),
            Map.entry("POST /api/v1/touchpoints/{touchpointId}/oauth/start", Map.of()),
            Map.entry("POST /admin/touchpoints/{touchpointId}/oauth/connect", RawBody.form("")),
            Map.entry("POST /admin/dispositions/{dispositionId}", RawBody.form("name=Hijacked")),
            Map.entry("POST /admin/dispositions/{dispositionId}/active", RawBody.form("active=false")),
            Map.entry("POST /admin/dispositions/{dispositionId}/delete", RawBody.form("")),
            Map.entry("POST /admin/touchpoints/{touchpointId}/dispositions", RawBody.form("dispositionIds=00000000-0000-4000-8000-00000000beef")),
            Map.entry("PUT /api/v1/touchpoints/{touchpointId}/preview-roles", Map.of("roles", List.of())),
            Map.entry("POST /admin/touchpoints/{touchpointId}/preview", RawBody.form("roles=AGENT")));

    /** Routes that take a multipart upload: the sweep sends them a valid file, so a 415 cannot mask a leak. */
    private static final Map<String, byte[]> UPLOADS = Map.of(
            "POST /api/v1/touchpoints/{touchpointId}/signature/images", MultipartUpload.png(100),
            "POST /admin/touchpoints/{touchpointId}/signature/images", MultipartUpload.png(100));

    /**
     * Routes that act on the caller itself or on nothing tenant-owned, and the event stream, which
     * never ends (its tenant and queue filter is asserted in InboundEndToEndTest and EventVisibilityTest).
     */
    private static final List<String> SELF_ROUTES = List.of("/api/v1/auth/", "/api/v1/events");

    /**
     * Every route outside {@code /api} and {@code /admin} pages, with why it may be called without the
     * caller's tenant: a new public route fails {@link #everyRouteOutsideTheSweepIsAKnownPublicOne} until it
     * is added here on purpose.
     */
    private static final Map<String, String> PUBLIC_ROUTES = Map.ofEntries(
            Map.entry("GET /", "a redirect to /admin (the sign-in), no data"),
            Map.entry("GET /health", "liveness and database status, no tenant data"),
            Map.entry("GET /health/{selector}", "one health indicator, no tenant data"),
            Map.entry("GET /metrics", "Prometheus metrics, no tenant data (internal network only)"),
            Map.entry("GET /openapi.yml", "the API description"),
            Map.entry("GET /oauth/callback/google", "consent callback: acts only for the admin session that started it"),
            Map.entry("GET /oauth/callback/microsoft", "consent callback: acts only for the admin session that started it"),
            Map.entry("POST /hooks/graph/notifications", "Graph change notifications: a subscription id AND its client state "
                    + "can at most wake that touchpoint's sync (thePublicChangeNotificationEndpointsActOnNothingOfTenantA, "
                    + "GraphPushEndToEndTest)"),
            Map.entry("POST /hooks/graph/lifecycle", "Graph lifecycle events: as the notifications"),
            Map.entry("POST /hooks/gmail/pubsub", "Gmail Pub/Sub pushes: only with Google's OIDC token for the configured "
                    + "audience and push service account, and then at most wake the syncs of the touchpoints watching the named "
                    + "mailbox (thePublicGmailPushEndpointActsOnNothingOfTenantA, GmailPushEndToEndTest)"));

    @Override
    public Map<String, String> extraProperties() {
        // Push on (no sync here, so no subscriptions exist), so the public hook routes are swept too.
        return Map.of("postline.push.graph.notification-base-url", "https://postline.example.com",
                "postline.push.gmail.topic", "projects/postline-sweep/topics/gmail",
                "postline.push.gmail.audience", "https://postline.example.com/hooks/gmail/pubsub",
                "postline.push.gmail.service-account", "push@postline-sweep.iam.gserviceaccount.com");
    }

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject Router router;

    Http http;
    MultipartUpload upload;
    @Inject IngestionPipeline pipeline;

    TenantFixture a;
    TenantFixture b;
    ConversationFixture aMail;
    @Inject Notifications notifications;
    String aNotificationId;
    String aResponseId;
    String aImageId;
    /** An upload of tenant A's admin (uploads belong to their uploader; the GET check runs as that admin). */
    String aUploadId;
    /** A draft of tenant A's admin (drafts belong to their author). */
    String aDraftId;
    String aDisposition;

    @BeforeAll
    void tenants() {
        http = new Http(server.getURI(), json);
        upload = new MultipartUpload(server.getURI(), json);
        a = TenantFixture.create(http, "tenant-a");
        b = TenantFixture.create(http, "tenant-b");
        aMail = ConversationFixture.create(http, pipeline, a);
        aUploadId = TenantFixture.expect(http.upload("/api/v1/uploads", a.admin(), "a-" + a.marker() + ".txt", "text/plain",
                "tenant A's file".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 201).string("id");
        aDraftId = TenantFixture.expect(http.post("/api/v1/conversations/" + aMail.conversationId() + "/drafts", a.admin(),
                Map.of("text", "Draft " + a.marker())), 201).string("id");
        aDisposition = TenantFixture.expect(http.post("/api/v1/dispositions", a.admin(), Map.of("name", "Resolved " + a.marker())), 201)
                .string("id");
        ConversationFixture.create(http, pipeline, b);
        TenantId tenantA = TenantId.parse(a.tenantId());
        notifications.raise(tenantA, UUID.fromString(a.touchpointId()), NotificationKind.REAUTH_NEEDED, "idor-sweep",
                "Notice " + a.marker(), "Detail " + a.marker());
        aNotificationId = notifications.list(tenantA, false).getFirst().id().toString();
        aResponseId = TenantFixture.expect(http.post("/api/v1/standard-responses", a.admin(), Map.of("name", "Greeting " + a.marker(),
                "text", "Hello {{customer.name}}", "touchpointId", a.touchpointId())), 201).string("id");
        aImageId = TenantFixture.expect(upload.post("/api/v1/touchpoints/" + a.touchpointId()
                + "/signature/images", a.admin(), "file", "logo.png", "image/png", MultipartUpload.png(100)), 201).string("id");
        TenantFixture.expect(http.put("/api/v1/touchpoints/" + a.touchpointId() + "/signature", a.admin(), Map.of(
                "html", "<p>Signed " + a.marker() + "</p>", "active", true)), 200);
    }

    @Test
    void tenantBCannotReachTenantAThroughAnyRoute() {
        List<UriRouteInfo<?, ?>> routes = apiRoutes();
        assertThat(routes).as("the sweep must see the API's routes").hasSizeGreaterThan(15);
        Map<String, String> before = snapshotOfA();
        List<String> violations = new ArrayList<>();

        for (var route : routes) {
            String template = route.getUriMatchTemplate().toString();
            HttpMethod method = route.getHttpMethod();
            String key = method + " " + template;
            List<String> variables = route.getUriMatchTemplate().getVariableNames();
            if (SELF_ROUTES.stream().anyMatch(template::startsWith)) {
                continue;
            }
            for (var caller : List.of(Map.entry("B admin", b.admin()), Map.entry("B agent", b.agent()),
                    Map.entry("B API key", b.apiKey()))) {
                String who = caller.getKey() + " → " + key;
                if (template.startsWith("/api/v1/operator")) {
                    int status = http.send(method.name(), fill(template, variables, key), caller.getValue(), body(key, method)).status();
                    if (status != 403) {
                        violations.add(who + " gave " + status + " (operator routes are for operators only)");
                    }
                } else if (!variables.isEmpty()) {
                    var response = UPLOADS.containsKey(key)
                            ? upload.post(fill(template, variables, key), caller.getValue(), "file", "upload.png", "image/png", UPLOADS.get(key))
                            : http.send(method.name(), fill(template, variables, key), caller.getValue(), body(key, method));
                    if (response.status() != 404 && response.status() != 403) {
                        violations.add(who + " gave " + response);
                    }
                } else if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                    var response = http.get(template, caller.getValue());
                    if (response.status() == 200) {
                        java.util.stream.Stream.concat(a.ids().stream(), aMail.ids().stream()).filter(response.body()::contains)
                                .forEach(id -> violations.add(who + " listed tenant A's id " + id));
                        if (response.body().contains(a.marker())) {
                            violations.add(who + " listed tenant A's data (" + a.marker() + ")");
                        }
                    } else if (response.status() != 403 && !(response.status() == 303 && template.startsWith("/admin"))) {
                        violations.add(who + " gave " + response.status());
                    }
                }
                // POST to a collection creates in the caller's own tenant; mass assignment of
                // tenantId is covered by BadInputTest.
            }
        }
        assertThat(violations).as("cross-tenant access").isEmpty();
        assertThat(snapshotOfA()).as("tenant A's data after the sweep").isEqualTo(before);
        assertThat(http.get("/api/v1/users", a.apiKey()).status()).as("tenant A's API key still works").isEqualTo(200);
    }

    @Test
    void everyRouteOutsideTheSweepIsAKnownPublicOne() {
        List<String> outside = router.uriRoutes()
                .map(r -> r.getHttpMethod() + " " + r.getUriMatchTemplate().toString())
                .filter(key -> !key.contains(" /api/") && !key.contains(" /admin") && !key.startsWith("HEAD ")) // HEAD mirrors GET
                .distinct().sorted().toList();
        assertThat(outside).as("routes outside /api and /admin; add a new public one to PUBLIC_ROUTES with its reason")
                .containsExactlyInAnyOrderElementsOf(PUBLIC_ROUTES.keySet());
    }

    /**
     * The change-notification hooks are public by design. Whoever calls them — anonymous, or tenant B's
     * admin, agent or API key — naming tenant A's ids as subscription ids, with or without client states
     * and lifecycle events, gets the same 202 and changes nothing of tenant A's.
     */
    @Test
    void thePublicChangeNotificationEndpointsActOnNothingOfTenantA() {
        Map<String, String> before = snapshotOfA();
        List<String> violations = new ArrayList<>();
        String items = java.util.stream.Stream.concat(a.ids().stream(), aMail.ids().stream())
                .flatMap(id -> java.util.stream.Stream.of(
                        "{\"subscriptionId\":\"" + id + "\",\"clientState\":\"" + a.marker() + "\",\"changeType\":\"created\"}",
                        "{\"subscriptionId\":\"" + id + "\",\"lifecycleEvent\":\"subscriptionRemoved\"}",
                        "{\"subscriptionId\":\"" + id + "\",\"clientState\":\"" + id + "\",\"lifecycleEvent\":\"reauthorizationRequired\"}"))
                .collect(java.util.stream.Collectors.joining(",", "{\"value\":[", "]}"));
        for (String path : List.of("/hooks/graph/notifications", "/hooks/graph/lifecycle")) {
            for (var caller : List.of(Map.entry("anonymous", Auth.NONE), Map.entry("B admin", b.admin()),
                    Map.entry("B agent", b.agent()), Map.entry("B API key", b.apiKey()))) {
                var response = http.send("POST", path, caller.getValue(), new RawBody("application/json", items));
                if (response.status() != 202 || !response.body().isEmpty()) {
                    violations.add(caller.getKey() + " → POST " + path + " gave " + response);
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(snapshotOfA()).as("tenant A's data after the hooks were called").isEqualTo(before);
    }

    @Test
    void thePublicGmailPushEndpointActsOnNothingOfTenantA() {
        Map<String, String> before = snapshotOfA();
        List<String> violations = new ArrayList<>();
        for (String address : List.of(a.marker() + "@example.com", "admin@" + a.marker() + ".example.com")) {
            String data = java.util.Base64.getEncoder().encodeToString(("{\"emailAddress\":\"" + address + "\",\"historyId\":1}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String push = "{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"1\"},\"subscription\":\"projects/x/subscriptions/y\"}";
            for (var caller : List.of(Map.entry("anonymous", Auth.NONE), Map.entry("B admin", b.admin()),
                    Map.entry("B agent", b.agent()), Map.entry("B API key", b.apiKey()))) {
                var response = http.send("POST", "/hooks/gmail/pubsub", caller.getValue(), new RawBody("application/json", push));
                if (response.status() != 401) {
                    violations.add(caller.getKey() + " → POST /hooks/gmail/pubsub gave " + response);
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(snapshotOfA()).as("tenant A's data after the Gmail hook was called").isEqualTo(before);
    }

    @Test
    void fixtureIdsAreRealForTheirOwnTenant() {
        // Guards the sweep against passing vacuously: every GET with variables works for A itself.
        for (var route : apiRoutes()) {
            String template = route.getUriMatchTemplate().toString();
            List<String> variables = route.getUriMatchTemplate().getVariableNames();
            if (route.getHttpMethod() != HttpMethod.GET || variables.isEmpty()) {
                continue;
            }
            Auth who = template.startsWith("/api/v1/operator")
                    ? Auth.bearer(http.login(null, OPERATOR_EMAIL, OPERATOR_PASSWORD)) : a.admin();
            assertThat(http.get(fill(template, variables, template), who).status()).as(template).isEqualTo(200);
        }
    }

    private List<UriRouteInfo<?, ?>> apiRoutes() {
        return router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/")
                        || r.getUriMatchTemplate().toString().startsWith("/admin"))
                .sorted((x, y) -> (x.getHttpMethod() + x.getUriMatchTemplate().toString())
                        .compareTo(y.getHttpMethod() + y.getUriMatchTemplate().toString()))
                .<UriRouteInfo<?, ?>>map(r -> r)
                .toList();
    }

    private String fill(String template, List<String> variables, String key) {
        String path = template;
        for (String variable : variables) {
            Function<IdorSweepTest, String> value = VARIABLES.get(variable);
            if (value == null) {
                throw new AssertionError("IDOR sweep: no fixture for {" + variable + "} in " + key
                        + "; add it to IdorSweepTest.VARIABLES so the new endpoint is covered");
            }
            path = path.replace("{" + variable + "}", value.apply(this));
        }
        return path;
    }

    private static Object body(String key, HttpMethod method) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.DELETE) {
            return null;
        }
        if (!BODIES.containsKey(key) && !UPLOADS.containsKey(key) && key.contains("{") && !key.startsWith("PUT /api/v1/ring-groups/")
                && !key.startsWith("POST /api/v1/conversations/") && !key.startsWith("POST /api/v1/quarantine/")) {
            throw new AssertionError("IDOR sweep: no request body for " + key + "; add a valid one to IdorSweepTest.BODIES");
        }
        return BODIES.getOrDefault(key, key.contains("/operator/") ? Map.of() : null);
    }

    private Map<String, String> snapshotOfA() {
        Map<String, String> snapshot = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("users", http.get("/api/v1/users", a.admin()).body()),
                Map.entry("groups", http.get("/api/v1/ring-groups", a.admin()).body()),
                Map.entry("members", http.get("/api/v1/ring-groups/" + a.ringGroupId() + "/members", a.admin()).body()),
                Map.entry("touchpoints", http.get("/api/v1/touchpoints", a.admin()).body()),
                Map.entry("keys", http.get("/api/v1/api-keys", a.admin()).body()),
                Map.entry("conversations", http.get("/api/v1/conversations", a.admin()).body()),
                Map.entry("conversation", http.get("/api/v1/conversations/" + aMail.conversationId(), a.admin()).body()),
                Map.entry("quarantine", http.get("/api/v1/quarantine", a.admin()).body()),
                Map.entry("blocklist", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/blocklist", a.admin()).body()),
                Map.entry("standard responses", http.get("/api/v1/standard-responses", a.admin()).body()),
                Map.entry("signature", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/signature", a.admin()).body()),
                Map.entry("images", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/signature/images", a.admin()).body()),
                Map.entry("template", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/template", a.admin()).body()),
                Map.entry("contact card", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/contact-card", a.admin()).body()),
                Map.entry("upload", http.get("/api/v1/uploads/" + aUploadId, a.admin()).body()),
                Map.entry("autoReply", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/auto-reply", a.admin()).body()),
                Map.entry("drafts", http.get("/api/v1/conversations/" + aMail.conversationId() + "/drafts", a.admin()).body())));
        snapshot.put("dispositions", http.get("/api/v1/dispositions", a.admin()).body()
                + http.get("/api/v1/touchpoints/" + a.touchpointId() + "/dispositions", a.admin()).body());
        snapshot.put("notifications", http.get("/api/v1/notifications", a.admin()).body());
        snapshot.put("preview roles", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/preview-roles", a.admin()).body());
        snapshot.put("history", http.get("/api/v1/touchpoints/" + a.touchpointId() + "/history", a.admin()).body());
        return snapshot;
    }
}
