package dev.postline.server.api;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #13 item 17: a touchpoint is accepted only when it can work. A connector kind that is not
 * installed is refused with the installed ones listed (it would stay PENDING forever); an IMAP
 * touchpoint that only receives needs no SMTP server, one that sends does; an IMAP touchpoint cannot
 * be set to OAuth sign-in (no consent flow could ever give it a grant).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorChoiceTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("test.without-connector", "forwarding");
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "choice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"forwarding", "pop3"})
    void aConnectorThatIsNotInstalledIsRefusedWithTheInstalledOnes(String connector) {
        var refused = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", connector + "@choice.example.com",
                "displayName", "Kind " + connector, "connector", connector, "direction", "INBOUND"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"connector\"").contains("installed: gmail, graph, imap");
        assertThat(http.get("/api/v1/touchpoints", t.admin()).list()).extracting(tp -> tp.get("displayName"))
                .doesNotContain("Kind " + connector);
    }

    @Test
    void anInboundOnlyImapTouchpointNeedsNoSmtpServerButASendingOneDoes() {
        Map<String, String> noSmtp = Map.of("preset", "custom", "imapHost", "imap.choice.example.com", "imapTls", "implicit");
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "in@choice.example.com",
                "displayName", "Inbound only", "connector", "imap", "direction", "INBOUND", "settings", noSmtp)), 201).string("id");

        var sending = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "both@choice.example.com",
                "displayName", "Both ways", "connector", "imap", "direction", "BOTH", "settings", noSmtp));
        assertThat(sending.status()).as(sending.body()).isEqualTo(400);
        assertThat(sending.body()).contains("\"field\":\"settings.smtpHost\"").contains("an SMTP server is required");

        var turnedToSending = http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("direction", "BOTH"));
        assertThat(turnedToSending.status()).as(turnedToSending.body()).isEqualTo(400);
        assertThat(http.get("/api/v1/touchpoints/" + id, t.admin()).string("direction")).isEqualTo("INBOUND");
    }

    @Test
    void anImapTouchpointCannotBeSetToOAuthSignIn() {
        Map<String, String> xoauth2 = new HashMap<>(TenantFixture.imapSettings("choice"));
        xoauth2.put("auth", "xoauth2");
        var refused = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "oauth@choice.example.com",
                "displayName", "IMAP OAuth", "connector", "imap", "direction", "BOTH", "settings", xoauth2));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"settings.auth\"").contains("cannot obtain the provider's grant");

        var edited = http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(), Map.of("settings", xoauth2));
        assertThat(edited.status()).as(edited.body()).isEqualTo(400);
        assertThat(edited.body()).contains("\"field\":\"settings.auth\"");
    }
}
