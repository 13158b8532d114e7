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
 * Issue #13 item 3: one message the IMAP server cannot serve (it drops the connection whenever that
 * message's body is fetched, as with a corrupt message file) must not block the touchpoint. The sync
 * fetches the failed batch one by one, records the message as unfetchable in the quarantine after
 * it failed alone a few times, moves past it, and stores every other message; the touchpoint stays
 * CONNECTED throughout. GreenMail is the real server; {@link MailProxy} makes the one message unservable.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnfetchableMessageTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final MailProxy IMAP = new MailProxy(MAIL.imapPort());
    static final String SUPPORT = "support@unfetchable.example.com";
    static final long BAD_UID = 11; // the 11th message delivered into a fresh mailbox

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.sync.extra-ports", MAIL.imapPort() + "," + MAIL.smtpPort() + "," + IMAP.port());
        props.put("postline.sync.batch-size", "5");
        // Failures that are the touchpoint's count towards CONNECTION_LOST quickly here; one message's must not.
        props.put("postline.lifecycle.failures-before-lost", "2");
        return props;
    }

    @AfterAll
    void stopServers() {
        IMAP.close();
        MAIL.close();
    }

    @Test
    void oneUnservableMessageAmongTwentyIsRecordedAsUnfetchableAndTheOthersAreStored() {
        Http http = new Http(server.getURI(), json);
        TenantFixture t = TenantFixture.create(http, "unfetchable");
        GreenMailUser mailbox = MAIL.mailbox(SUPPORT, "mailbox-password");
        IMAP.dropWhenBodyFetched(BAD_UID);
        Map<String, String> settings = MAIL.touchpointSettings(SUPPORT);
        settings.put("imapPort", Integer.toString(IMAP.port()));
        String touchpointId = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", SUPPORT,
                "displayName", "Support inbox", "connector", "imap", "direction", "BOTH",
                "ringGroupIds", List.of(t.ringGroupId()), "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + touchpointId + "/credential", t.admin(),
                Map.of("password", "mailbox-password")), 204);
        Eventually.await("the touchpoint to connect", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + touchpointId, t.admin()).string("connectionState")));

        for (int i = 1; i <= 21; i++) {
            MAIL.deliver(mailbox, MailboxServer.customerMail("customer" + i + "@customer.example", SUPPORT,
                    "m-" + i + "@customer.example", "Question " + i, "Body of question " + i, List.of()));
        }

        List<Map<String, Object>> conversations = Eventually.await("20 conversations", Duration.ofSeconds(60), () -> {
            var items = conversations(http, t, touchpointId);
            return items.size() >= 20 ? items : null;
        });
        assertThat(conversations).extracting(c -> c.get("subject").toString())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 21).filter(i -> i != BAD_UID)
                        .mapToObj(i -> "Question " + i).toList());

        List<Map<String, Object>> quarantined = quarantined(http, t, touchpointId);
        assertThat(quarantined).singleElement().satisfies(q -> {
            assertThat(q.get("unfetchable")).isEqualTo(true);
            assertThat(q.get("providerId").toString()).endsWith(":" + BAD_UID);
            assertThat(q.get("reason").toString()).containsIgnoringCase("could not be fetched");
        });
        assertThat(IMAP.unservedFetches()).as("the message was tried alone more than once").isGreaterThanOrEqualTo(3);

        Eventually.await("CONNECTED after the sync round", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + touchpointId, t.admin()).string("connectionState")));
        List<Map<String, Object>> history = http.get("/api/v1/touchpoints/" + touchpointId + "/history", t.admin()).list();
        assertThat(history).extracting(h -> h.get("to").toString()).doesNotContain("CONNECTION_LOST");

        // Mail after the skipped message keeps flowing.
        MAIL.deliver(mailbox, MailboxServer.customerMail("late@customer.example", SUPPORT, "m-late@customer.example",
                "Question late", "Later question", List.of()));
        Eventually.await("the later message", Duration.ofSeconds(20),
                () -> conversations(http, t, touchpointId).size() == 21 ? true : null);
        assertThat(quarantined(http, t, touchpointId)).hasSize(1);
    }

    private static List<Map<String, Object>> conversations(Http http, TenantFixture t, String touchpointId) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) http
                .get("/api/v1/conversations?limit=100&touchpointId=" + touchpointId, t.admin()).map().get("items");
        return items;
    }

    private static List<Map<String, Object>> quarantined(Http http, TenantFixture t, String touchpointId) {
        return http.get("/api/v1/quarantine", t.admin()).list().stream()
                .filter(q -> touchpointId.equals(q.get("touchpointId").toString())).toList();
    }
}
