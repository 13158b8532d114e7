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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 item 14: "test connection" names the cause — a name that does not resolve, a refused
 * port, a server that does not answer, TLS spoken to a plain port, a refused login, a port the
 * policy does not allow — as a cause code and a sentence, over the API and in the wizard, without
 * the password. Every server is local (GreenMail and loopback listeners); the unresolvable name is
 * under {@code .invalid} (RFC 6761). ConnectionTestPolicyTest covers hosts the policy refuses.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionTestCausesTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final SilentServer SILENT = new SilentServer();
    static final SilentServer UNLISTED = new SilentServer();
    static final int CLOSED = SilentServer.closedPort();
    static final String USER = "support@causes.example.com";
    static final String PASSWORD = "right-password-Qx3";
    static final String WRONG = "wrong-password-Zk8";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.sync.enabled", "false");
        props.put("postline.sync.extra-ports", MAIL.imapPort() + "," + MAIL.smtpPort() + "," + SILENT.port() + "," + CLOSED);
        return props;
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "causes");
        MAIL.mailbox(USER, PASSWORD);
    }

    @AfterAll
    void stop() {
        SILENT.close();
        UNLISTED.close();
    }

    /** IMAP on the GreenMail server, receiving only (no SMTP server: the IMAP side's cause is the one reported). */
    static Map<String, String> imap(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("preset", "custom", "imapHost", "127.0.0.1",
                "imapPort", Integer.toString(MAIL.imapPort()), "imapTls", "plain", "username", USER,
                "connectTimeoutSeconds", "2", "readTimeoutSeconds", "1"));
        settings.putAll(overrides);
        return settings;
    }

    static Stream<Arguments> causes() {
        return Stream.of(
                Arguments.of("login-refused", imap(Map.of()), WRONG, "The IMAP server refused the login"),
                Arguments.of("connection-refused", imap(Map.of("imapPort", Integer.toString(CLOSED))), PASSWORD,
                        "The IMAP server refused the connection"),
                Arguments.of("timed-out", imap(Map.of("imapPort", Integer.toString(SILENT.port()))), PASSWORD,
                        "The IMAP server did not answer in time"),
                Arguments.of("name-not-resolved", imap(Map.of("imapHost", "nonexistent.invalid", "imapPort", "993")), PASSWORD,
                        "The IMAP server name does not resolve"),
                Arguments.of("tls-failed", imap(Map.of("imapTls", "implicit")), PASSWORD, "TLS with the IMAP server failed"),
                Arguments.of("port-not-allowed", imap(Map.of("imapPort", Integer.toString(UNLISTED.port()))), PASSWORD,
                        "The IMAP server port is not allowed by this installation's policy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("causes")
    void theApiNamesTheCauseWithACodeAndASentence(String cause, Map<String, String> settings, String password, String sentence) {
        var result = expect(http.post("/api/v1/touchpoints/verify", t.admin(), Map.of("connector", "imap", "settings", settings,
                "password", password)), 200);

        assertThat(result.map()).containsEntry("ok", false).containsEntry("cause", cause);
        assertThat(result.string("message")).startsWith(sentence);
        @SuppressWarnings("unchecked")
        var checks = (List<Map<String, Object>>) result.map().get("checks");
        assertThat(checks.getFirst()).containsEntry("name", "imap-login").containsEntry("ok", false).containsEntry("cause", cause);
        assertThat(result.body()).doesNotContain(password).doesNotContain(PASSWORD).doesNotContain(WRONG);
    }

    @Test
    void aPortThePolicyRefusesIsNeverConnectedTo() {
        int before = UNLISTED.accepted();
        var result = expect(http.post("/api/v1/touchpoints/verify", t.admin(), Map.of("connector", "imap",
                "settings", imap(Map.of("imapPort", Integer.toString(UNLISTED.port()))), "password", PASSWORD)), 200);

        assertThat(result.map()).containsEntry("cause", "port-not-allowed");
        assertThat(UNLISTED.accepted()).isEqualTo(before);
    }

    @Test
    void workingSettingsPassWithoutACause() {
        var result = expect(http.post("/api/v1/touchpoints/verify", t.admin(), Map.of("connector", "imap", "settings", imap(Map.of()),
                "password", PASSWORD)), 200);

        assertThat(result.map()).containsEntry("ok", true).containsEntry("cause", null).containsEntry("message", "Connection works.");
    }

    @Test
    void aSavedTouchpointIsTestedWithItsStoredPassword() {
        Map<String, Object> body = new HashMap<>(Map.of("address", USER, "displayName", "Saved " + t.marker(), "connector", "imap",
                "direction", "INBOUND", "settings", imap(Map.of())));
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), body), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", WRONG)), 204);

        assertThat(expect(http.post("/api/v1/touchpoints/" + id + "/verify", t.admin(), null), 200).map())
                .containsEntry("ok", false).containsEntry("cause", "login-refused");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", PASSWORD)), 204);
        assertThat(expect(http.post("/api/v1/touchpoints/" + id + "/verify", t.admin(), null), 200).map()).containsEntry("ok", true);
        assertThat(http.post("/api/v1/touchpoints/" + id + "/verify", t.agent(), null).status()).as("admins only").isEqualTo(403);
    }

    @Test
    void theWizardSaysWhyTheConnectionFailed() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("causes", "admin@causes.example.com", TenantFixture.PASSWORD);
        var page = browser.get("/admin/touchpoints/new/connection?connector=imap&preset=custom");
        Map<String, String> form = new HashMap<>(Map.of("_csrf", FormClient.token(page), "step", "connection", "go", "test",
                "connector", "imap", "address", USER, "s.password", PASSWORD));
        imap(Map.of("imapHost", "nonexistent.invalid", "imapPort", "993")).forEach((k, v) -> form.put("s." + k, v));

        var tested = browser.post("/admin/touchpoints/new", form);

        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(tested.body()).contains("Could not connect with these settings. The IMAP server name does not resolve (check its spelling).")
                .doesNotContain("Failed step").doesNotContain("imap-login").doesNotContain(PASSWORD);
    }
}
