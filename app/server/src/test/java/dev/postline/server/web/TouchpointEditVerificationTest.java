package dev.postline.server.web;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.SilentServer;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #13 item 16: an edit that changes how a touchpoint logs in — a new password, another port,
 * server or user — is tried with the mail server (GreenMail) before it is saved; a refusal names the
 * cause and nothing changes, so a wrong password never shows as Connected.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TouchpointEditVerificationTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final int CLOSED = SilentServer.closedPort();
    static final String PASSWORD = "right-password-Vb2";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.sync.enabled", "false");
        props.put("postline.sync.extra-ports", MAIL.imapPort() + "," + MAIL.smtpPort() + "," + CLOSED);
        return props;
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "editcheck");
    }

    @Test
    void aWrongPasswordOnTheEditPageIsRefusedWithTheCauseAndNotStored() {
        String id = touchpoint("wrong");
        String setAt = passwordSetAt(id);

        var refused = save(id, Map.of("s.password", "wrong-password-Nn4"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Nothing was saved. The IMAP server refused the login").doesNotContain("wrong-password-Nn4");
        assertThat(passwordSetAt(id)).as("the stored password is kept").isEqualTo(setAt);
        assertThat(expect(http.post("/api/v1/touchpoints/" + id + "/verify", t.admin(), null), 200).map()).containsEntry("ok", true);

        var saved = save(id, Map.of("s.password", PASSWORD));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(passwordSetAt(id)).as("a password the server accepts is stored").isNotEqualTo(setAt);
    }

    @Test
    void anotherPortIsTriedWithTheStoredPasswordBeforeItIsSaved() {
        String id = touchpoint("port");

        var refused = save(id, Map.of("s.imapPort", Integer.toString(CLOSED)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The IMAP server refused the connection");
        assertThat(settings(id)).containsEntry("imapPort", Integer.toString(MAIL.imapPort()));
    }

    @Test
    void theApiRefusesAnUnreachableServerForATouchpointWithAPassword() {
        String id = touchpoint("host");
        Map<String, String> changed = MAIL.touchpointSettings(address(id));
        changed.put("imapHost", "nonexistent.invalid");
        changed.put("imapPort", "993");

        var refused = http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("settings", changed));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"connection\"").contains("does not resolve");
        assertThat(settings(id)).containsEntry("imapHost", "127.0.0.1");
    }

    /** A touchpoint on its own GreenMail mailbox {@code <local>@editcheck.example.com}, with the right password stored. */
    private String touchpoint(String local) {
        String address = local + "@editcheck.example.com";
        MAIL.mailbox(address, PASSWORD);
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Box " + local,
                "connector", "imap", "direction", "BOTH", "settings", MAIL.touchpointSettings(address))), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", PASSWORD)), 204);
        return id;
    }

    /** Posts the edit form as shown (all fields as stored), with {@code changes} laid over it. */
    private java.net.http.HttpResponse<String> save(String id, Map<String, String> changes) {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("editcheck", "admin@editcheck.example.com", TenantFixture.PASSWORD);
        var page = browser.get("/admin/touchpoints/" + id + "/edit");
        Map<String, String> form = new HashMap<>(Map.of("_csrf", FormClient.token(page), "displayName", name(id), "direction", "BOTH",
                "s.password", "", "s.useIdle", "true"));
        MAIL.touchpointSettings(address(id)).forEach((k, v) -> form.put("s." + k, v));
        form.putAll(changes);
        return browser.post("/admin/touchpoints/" + id + "/edit", form);
    }

    private String address(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("address");
    }

    private String name(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("displayName");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> settings(String id) {
        return (Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("settings");
    }

    @SuppressWarnings("unchecked")
    private String passwordSetAt(String id) {
        return String.valueOf(((Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("credential")).get("passwordSetAt"));
    }
}
