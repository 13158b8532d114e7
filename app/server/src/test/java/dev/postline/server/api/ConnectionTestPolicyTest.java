package dev.postline.server.api;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.SilentServer;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #13 item 14, the policy side: with private networks not allowed (the production default),
 * "test connection" to a loopback, private, link-local or metadata address answers
 * {@code host-not-allowed} — before any connection is attempted (a listener on loopback counts
 * none) and without saying which rule refused it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionTestPolicyTest implements PostlineTestProperties {

    static final SilentServer LOOPBACK = new SilentServer();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("postline.sync.allow-private-networks", "false", "postline.sync.extra-ports", Integer.toString(LOOPBACK.port()));
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "policy");
    }

    @AfterAll
    void stop() {
        LOOPBACK.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.1.2.3", "192.168.0.10", "172.16.5.5", "169.254.169.254", "::1", "0x7f000001"})
    void aPrivateHostIsRefusedByPolicyBeforeAnyConnection(String host) {
        int before = LOOPBACK.accepted();
        var result = expect(http.post("/api/v1/touchpoints/verify", t.admin(), Map.of("connector", "imap", "settings", Map.of(
                "preset", "custom", "imapHost", host, "imapPort", Integer.toString(LOOPBACK.port()), "imapTls", "plain",
                "username", "support@policy.example.com", "connectTimeoutSeconds", "1"), "password", "pw-123")), 200);

        assertThat(result.map()).containsEntry("ok", false).containsEntry("cause", "host-not-allowed");
        assertThat(result.string("message"))
                .isEqualTo("The IMAP server is not allowed by this installation's policy (host not allowed).");
        assertThat(LOOPBACK.accepted()).as("nothing connected").isEqualTo(before);
    }
}
