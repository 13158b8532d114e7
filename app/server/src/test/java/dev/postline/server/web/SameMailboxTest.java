package dev.postline.server.web;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 item 15: one mailbox, one touchpoint per tenant. A second touchpoint on the same
 * mailbox — IMAP server (any case, trailing dot, any port) + user + folder (INBOX in any case); the
 * Gmail / Microsoft 365 address in any case — is refused with 409 naming the existing touchpoint, on
 * create, on edit and through "duplicate". Another folder or user is another mailbox; another tenant
 * may connect the same mailbox (tenants never learn of each other's touchpoints).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameMailboxTest implements PostlineTestProperties {

    static final String HOST = "imap.samebox.example.com";
    static final String USER = "shared@samebox.example.com";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    String imapId;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "samebox");
        imapId = create(t, USER, "Shared inbox", "imap", imap(Map.of())).string("id");
        create(t, "sales@samebox.example.com", "Gmail sales", "gmail", Map.of());
        create(t, "billing@samebox.example.com", "M365 billing", "graph", Map.of("mailbox", "billing@samebox.example.com"));
    }

    static Map<String, String> imap(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("preset", "custom", "imapHost", HOST, "imapTls", "implicit",
                "smtpHost", "smtp.samebox.example.com", "username", USER, "folder", "INBOX"));
        settings.putAll(overrides);
        return settings;
    }

    static Stream<Arguments> sameMailbox() {
        return Stream.of(
                Arguments.of("imap", "Shared inbox", imap(Map.of("imapHost", "IMAP.SameBox.Example.COM"))),
                Arguments.of("imap", "Shared inbox", imap(Map.of("imapHost", HOST + "."))),
                Arguments.of("imap", "Shared inbox", imap(Map.of("imapPort", "143", "imapTls", "starttls"))),
                Arguments.of("imap", "Shared inbox", imap(Map.of("folder", "inbox"))),
                Arguments.of("gmail", "Gmail sales", Map.of("emailAddress", "Sales@SameBox.example.com")),
                Arguments.of("graph", "M365 billing", Map.of("mailbox", "BILLING@samebox.example.com")));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("sameMailbox")
    void aSecondTouchpointOnTheSameMailboxIsRefusedNamingTheFirst(String connector, String existing, Map<String, String> settings) {
        String address = connector.equals("imap") ? "other@samebox.example.com"
                : connector.equals("gmail") ? "sales@samebox.example.com" : "billing@samebox.example.com";
        var refused = http.post("/api/v1/touchpoints", t.admin(), body(address, "Again " + existing + settings.hashCode(), connector,
                settings));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.string("detail")).contains("already connected as the touchpoint \"" + existing + "\"");
        assertThat(names()).filteredOn(n -> n.startsWith("Again ")).isEmpty();
    }

    @Test
    void anotherFolderOrUserIsAnotherMailbox() {
        create(t, "archive@samebox.example.com", "Archive folder", "imap", imap(Map.of("folder", "Archive")));
        create(t, "someone@samebox.example.com", "Someone", "imap", imap(Map.of("username", "someone@samebox.example.com")));
    }

    @Test
    void editingATouchpointOntoAnotherOnesMailboxIsRefused() {
        String id = create(t, "edit@samebox.example.com", "Edited box", "imap", imap(Map.of("username", "edit@samebox.example.com")))
                .string("id");

        var refused = http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("settings", imap(Map.of())));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.string("detail")).contains("\"Shared inbox\" (" + USER + ")");
        @SuppressWarnings("unchecked")
        var settings = (Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("settings");
        assertThat(settings).containsEntry("username", "edit@samebox.example.com");
        expect(http.patch("/api/v1/touchpoints/" + imapId, t.admin(), Map.of("settings", imap(Map.of("pollIntervalSeconds", "30")))), 200);
    }

    @Test
    void anotherTenantMayConnectTheSameMailbox() {
        TenantFixture other = TenantFixture.create(http, "samebox-other");
        create(other, USER, "Their shared inbox", "imap", imap(Map.of()));
        create(other, "sales@samebox.example.com", "Their Gmail", "gmail", Map.of());
    }

    @Test
    void duplicatingATouchpointOntoTheSameMailboxIsRefusedAtTheConnectionStep() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("samebox", "admin@samebox.example.com", TenantFixture.PASSWORD);
        var page = browser.get("/admin/touchpoints/" + imapId + "/duplicate");
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> form = new HashMap<>(Map.of("_csrf", FormClient.token(page), "step", "connection", "go", "next",
                "connector", "imap", "address", "copy@samebox.example.com", "s.password", "pw-123"));
        imap(Map.of()).forEach((k, v) -> form.put("s." + k, v));

        var refused = browser.post("/admin/touchpoints/new", form);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("this mailbox is already connected as the touchpoint &quot;Shared inbox&quot;");
    }

    private Http.Response create(TenantFixture tenant, String address, String name, String connector, Map<String, String> settings) {
        return expect(http.post("/api/v1/touchpoints", tenant.admin(), body(address, name, connector, settings)), 201);
    }

    private static Map<String, Object> body(String address, String name, String connector, Map<String, String> settings) {
        return Map.of("address", address, "displayName", name, "connector", connector, "direction", "BOTH", "settings", settings);
    }

    private List<String> names() {
        return http.get("/api/v1/touchpoints", t.admin()).list().stream().map(tp -> tp.get("displayName").toString()).toList();
    }
}
