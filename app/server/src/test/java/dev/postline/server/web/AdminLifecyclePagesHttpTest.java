package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.notification.NotificationKind;
import dev.postline.core.notification.Notifications;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectionStates;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lifecycle pages' HTTP contract without a browser: hostile names, reasons and notification
 * texts are written as text; every new form refuses a post without the session's CSRF token;
 * editing never shows the password and an empty password field keeps it; duplicating copies no
 * secret and no mailbox identity. AdminLifecycleBrowserTest covers what a person sees.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminLifecyclePagesHttpTest implements PostlineTestProperties {

    static final String NAME_ATTACK = "<script>alert('name')</script><img src=x onerror=alert('name-img')>";
    static final String REASON_ATTACK = "<img src=x onerror=alert('reason')> refused";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject ConnectionStates states;
    @Inject Notifications notifications;

    Http http;
    TenantFixture t;
    String hostileId;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "lifepages");
        hostileId = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of(
                "address", "xss@lifepages.example.com", "displayName", NAME_ATTACK, "connector", "imap", "direction", "BOTH",
                "settings", TenantFixture.imapSettings("lifepages"))), 201).string("id");
        // The provider's refusal with a hostile text: EXPIRED, a history entry and an alert naming the touchpoint.
        states.authorizationLost(TenantId.parse(t.tenantId()), UUID.fromString(hostileId), REASON_ATTACK);
    }

    @Test
    void hostileNamesReasonsAndNotificationTextsRenderAsText() {
        FormClient browser = signedIn();
        for (String path : List.of("/admin/notifications", "/admin/touchpoints/" + hostileId, "/admin/touchpoints",
                "/admin/touchpoints/" + hostileId + "/reauthenticate", "/admin/touchpoints/" + hostileId + "/edit")) {
            var page = browser.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x")
                    .contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;");
        }
        var notificationsPage = browser.get("/admin/notifications").body();
        assertThat(notificationsPage).contains("Re-authentication required: &lt;script&gt;");
        var detail = browser.get("/admin/touchpoints/" + hostileId).body();
        assertThat(detail).as("the history shows the provider's text, escaped")
                .contains("the provider rejected the login: &lt;img src=x onerror=alert(&#39;reason&#39;)&gt; refused")
                .contains("Expired");
    }

    @Test
    void theNewFormsRefuseAPostWithoutTheSessionsToken() {
        FormClient browser = signedIn();
        String notice = unreadNotificationOf(hostileId);
        List<String> forms = List.of("/admin/notifications/" + notice + "/read", "/admin/notifications/read-all",
                "/admin/touchpoints/" + hostileId + "/reconnect", "/admin/touchpoints/" + hostileId + "/reauthenticate",
                "/admin/touchpoints/" + t.touchpointId() + "/edit");
        for (String path : forms) {
            var refused = browser.post(path, Map.of("password", "x", "displayName", "Forged", "direction", "INBOUND"));
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).contains("Form expired");
        }
        assertThat(unreadNotificationOf(hostileId)).as("still unread").isEqualTo(notice);
        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId(), t.admin()).string("displayName")).isEqualTo("Support " + t.marker());

        String token = FormClient.token(browser.get("/admin/notifications"));
        assertThat(browser.get("/admin/notifications").body()).contains("class=\"nav-count\"");
        assertThat(browser.post("/admin/notifications/" + notice + "/read", Map.of("_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(http.get("/api/v1/notifications?unread=true", t.admin()).list()).extracting(n -> n.get("id")).doesNotContain(notice);
    }

    @Test
    void editingKeepsThePasswordUnlessANewOneIsEnteredAndNeverShowsIt() {
        FormClient browser = signedIn();
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of(
                "address", "edit@lifepages.example.com", "displayName", "Editable " + t.marker(), "connector", "imap",
                "direction", "BOTH", "settings", TenantFixture.imapSettings("lifepages"))), 201).string("id");
        TenantFixture.expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "kept-secret-1")), 204);
        String setAt = credentialSetAt(id);

        var form = browser.get("/admin/touchpoints/" + id + "/edit");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).as("an unset checkbox shows the connector's default (IDLE on)")
                .containsPattern("<input type=\"checkbox\" id=\"s-useIdle\" name=\"s.useIdle\" value=\"true\"[^>]*checked");
        assertThat(form.body()).contains("imap.lifepages.example.com").contains("A password is stored; leave this empty to keep it.")
                .doesNotContain("kept-secret-1");
        String token = FormClient.token(form);
        Map<String, String> fields = new java.util.HashMap<>(Map.of("_csrf", token, "displayName", "Edited " + t.marker(),
                "direction", "INBOUND", "s.preset", "custom", "s.imapHost", "imap.lifepages.example.com", "s.imapTls", "implicit",
                "s.smtpHost", "smtp.lifepages.example.com", "s.smtpTls", "implicit", "s.username", "edit@lifepages.example.com",
                "s.password", ""));
        fields.put("p.waitForAssignedAgentSeconds", "25");
        var saved = browser.post("/admin/touchpoints/" + id + "/edit", fields);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);

        var view = http.get("/api/v1/touchpoints/" + id, t.admin());
        assertThat(view.string("displayName")).isEqualTo("Edited " + t.marker());
        assertThat(view.string("direction")).isEqualTo("INBOUND");
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) view.map().get("settings");
        // How it logs in is unchanged, so nothing is tried with the (non-existent) server: see TouchpointEditVerificationTest.
        assertThat(settings).containsEntry("imapHost", "imap.lifepages.example.com").containsEntry("waitForAssignedAgentSeconds", "25")
                .containsEntry("useIdle", "false"); // an unchecked checkbox
        assertThat(credentialSetAt(id)).as("an empty password field keeps the password").isEqualTo(setAt);

        fields.put("s.imapPort", "not-a-port");
        var refused = browser.post("/admin/touchpoints/" + id + "/edit", fields);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"s-imapPort-error\"");
        assertThat(http.get("/api/v1/touchpoints/" + id, t.admin()).string("direction")).as("nothing changed").isEqualTo("INBOUND");
    }

    @Test
    void aLostConnectionIsReconnectedFromTheListAndAnExpiredOneIsSentToReauthentication() {
        FormClient browser = signedIn();
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of(
                "address", "lost@lifepages.example.com", "displayName", "Lost " + t.marker(), "connector", "imap",
                "direction", "BOTH", "settings", TenantFixture.imapSettings("lifepages"))), 201).string("id");
        for (int i = 0; i < 50 && !"CONNECTION_LOST".equals(state(id)); i++) {
            states.syncFailed(TenantId.parse(t.tenantId()), UUID.fromString(id), "connect timed out");
        }
        var list = browser.get("/admin/touchpoints");
        assertThat(list.body()).contains("action=\"/admin/touchpoints/" + id + "/reconnect\"")
                .contains("href=\"/admin/touchpoints/" + hostileId + "/reauthenticate\"")
                .doesNotContain("action=\"/admin/touchpoints/" + hostileId + "/reconnect\"");

        String token = FormClient.token(list);
        var reconnected = browser.post("/admin/touchpoints/" + id + "/reconnect", Map.of("_csrf", token));
        assertThat(reconnected.statusCode()).isEqualTo(303);
        assertThat(reconnected.headers().firstValue("Location")).hasValue("/admin/touchpoints?done=reconnecting");
        assertThat(http.get("/api/v1/touchpoints/" + id + "/history", t.admin()).list().getFirst())
                .containsEntry("reason", "reconnect requested by an admin").containsEntry("actorUserId", t.adminId());

        var refused = browser.post("/admin/touchpoints/" + hostileId + "/reconnect", Map.of("_csrf", token));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("re-authenticate it instead");
        var wrongPassword = browser.post("/admin/touchpoints/" + hostileId + "/reauthenticate", Map.of("_csrf", token, "password", ""));
        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(wrongPassword.body()).contains("id=\"password-error\"").contains("is required");
        assertThat(state(hostileId)).isEqualTo("EXPIRED");
    }

    @Test
    void duplicatingPrefillsTheWizardWithoutSecretsOrTheMailbox() {
        FormClient browser = signedIn();
        var page = browser.get("/admin/touchpoints/" + t.touchpointId() + "/duplicate");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("New touchpoint").contains("value=\"imap.lifepages.example.com\"")
                .doesNotContain("support@lifepages.example.com").doesNotContain(t.touchpointPassword())
                .doesNotContain("Support " + t.marker());
    }

    private String state(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState");
    }

    private String unreadNotificationOf(String touchpointId) {
        return http.get("/api/v1/notifications?unread=true", t.admin()).list().stream()
                .filter(n -> touchpointId.equals(n.get("touchpointId")) && NotificationKind.CONNECTION_LOST.name().equals(n.get("kind")))
                .map(n -> n.get("id").toString()).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private String credentialSetAt(String id) {
        return String.valueOf(((Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("credential")).get("passwordSetAt"));
    }

    private FormClient signedIn() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("lifepages", "admin@lifepages.example.com", TenantFixture.PASSWORD);
        return browser;
    }
}
