package dev.postline.server.inbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailProxy;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #13 item 18: after an outage of a touchpoint that was syncing, the reconnect waits at most
 * the network backoff cap ({@code postline.sync.network-max-backoff}, 1 s here), not the general
 * one (1 minute here): mail that arrived during the outage is in soon after the server is back. The
 * waits below are bounded only to fail instead of hanging; BackoffTest checks the policy itself.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconnectAfterOutageTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final MailProxy IMAP = new MailProxy(MAIL.imapPort());
    static final String ADDRESS = "support@outage.example.com";
    /** Reconnects tried during the outage: after five, the general backoff waits 16 s or more before the next. */
    static final int ATTEMPTS = 5;

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.sync.extra-ports", IMAP.port() + "," + MAIL.smtpPort());
        props.put("postline.sync.max-backoff", "1m");
        props.put("postline.sync.network-max-backoff", "1s");
        props.put("postline.sync.reconcile-interval", "2s");
        return props;
    }

    @AfterAll
    void stop() {
        IMAP.close();
    }

    @Test
    void aTouchpointReconnectsWithinTheNetworkCapAfterItsServerIsBack() throws Exception {
        Http http = new Http(server.getURI(), json);
        TenantFixture t = TenantFixture.create(http, "outage");
        GreenMailUser box = MAIL.mailbox(ADDRESS, "outage-password");
        Map<String, String> settings = MAIL.touchpointSettings(ADDRESS);
        settings.put("imapPort", Integer.toString(IMAP.port()));
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", ADDRESS, "displayName", "Outage box",
                "connector", "imap", "direction", "BOTH", "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "outage-password")), 204);
        Eventually.await("CONNECTED", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState")));

        int before = IMAP.refusedWhileDown();
        IMAP.down();
        Eventually.await(ATTEMPTS + " failed reconnects", Duration.ofSeconds(90), () -> IMAP.refusedWhileDown() - before >= ATTEMPTS);
        MAIL.deliver(box, MailboxServer.customerMail("customer@buyer.example", ADDRESS, "during-outage@buyer.example",
                "Sent during the outage", "Hello", List.of()));
        IMAP.up();

        // Within the 1 s cap plus a fetch; the general backoff would still be waiting (16 s or more).
        Eventually.await("the mail of the outage, soon after the server is back", Duration.ofSeconds(8), () ->
                !items(http.get("/api/v1/conversations?limit=10&touchpointId=" + id, t.admin())).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) response.map().get("items");
    }
}
