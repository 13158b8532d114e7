package dev.postline.server.inbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inbound issue's bad-input corpus, delivered over IMAP with an ordinary customer mail after
 * each hostile one. Every hostile mail ends stored, flagged or quarantined with a reason, and every
 * ordinary mail after it is still ingested: no poison message stalls a touchpoint.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMailIngestionTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String SUPPORT = "support@hostile.example.com";
    static final String EVIL = "Eve <eve@hostile.example>";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    List<Map<String, Object>> conversations;
    List<Map<String, Object>> quarantined;

    @Override
    public Map<String, String> extraProperties() {
        return MAIL.syncProperties();
    }

    @BeforeAll
    void deliverTheCorpus() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "hostile");
        GreenMailUser mailbox = MAIL.mailbox(SUPPORT, "mailbox-password");
        String touchpoint = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", SUPPORT, "displayName", "Hostile inbox",
                "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", MAIL.touchpointSettings(SUPPORT))), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + touchpoint + "/credential", t.admin(), Map.of("password", "mailbox-password")), 204);
        Eventually.await("the touchpoint to connect", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + touchpoint, t.admin()).string("connectionState")));

        List<String> hostile = List.of(
                HostileMail.withoutMessageId(EVIL, SUPPORT),
                HostileMail.plain(EVIL, SUPPORT, "same@hostile.example", "Same id", "first body"),
                HostileMail.plain(EVIL, SUPPORT, "same@hostile.example", "Same id", "second, different body"),
                HostileMail.deeplyNested(EVIL, SUPPORT, 1_000),
                HostileMail.manyParts(EVIL, SUPPORT, 100_000),
                HostileMail.hugeHeaderLine(EVIL, SUPPORT, 10 * 1024 * 1024),
                HostileMail.manyRecipients(EVIL, SUPPORT, 50_000),
                HostileMail.invalidCharset(EVIL, SUPPORT),
                HostileMail.brokenBase64(EVIL, SUPPORT),
                HostileMail.xssHtml(EVIL, SUPPORT),
                HostileMail.autoReply("Bot A <bot-a@robots.example>", SUPPORT, "loop-1@robots.example", "loop-0@robots.example"),
                HostileMail.autoReply("Bot A <bot-a@robots.example>", SUPPORT, "loop-2@robots.example", "loop-1@robots.example"));
        for (int i = 0; i < hostile.size(); i++) {
            MAIL.deliver(mailbox, hostile.get(i));
            MAIL.deliver(mailbox, HostileMail.plain("Customer " + i + " <customer" + i + "@fine.example>", SUPPORT,
                    "fine-" + i + "@fine.example", "Ordinary question " + i, "Hello " + i));
        }
        conversations = Eventually.await("every ordinary mail after a hostile one", Duration.ofSeconds(60), () -> {
            List<Map<String, Object>> all = allConversations();
            long ordinary = all.stream().filter(c -> c.get("customerAddress").toString().endsWith("@fine.example")).count();
            return ordinary == hostile.size() ? all : null;
        });
        quarantined = http.get("/api/v1/quarantine", t.admin()).list();
    }

    @AfterAll
    void stopMailServer() {
        MAIL.close();
    }

    @Test
    void overLimitMailIsQuarantinedWithItsReason() {
        assertThat(quarantined).extracting(q -> q.get("reason").toString())
                .hasSize(4)
                .anySatisfy(r -> assertThat(r).containsIgnoringCase("nest"))
                .anySatisfy(r -> assertThat(r).containsIgnoringCase("part"))
                .anySatisfy(r -> assertThat(r).containsIgnoringCase("header"))
                .allSatisfy(r -> assertThat(r).isNotBlank());
        var raw = http.get("/api/v1/quarantine/" + quarantined.getFirst().get("id") + "/raw", t.admin());
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).contains("hostile.example");
    }

    @Test
    void mailWithoutMessageIdIsStoredAndAReusedMessageIdWithOtherContentIsKeptAndFlagged() {
        assertThat(subjects()).contains("No Message-ID");
        // Issue #13 item 2: the same Message-ID with a different body is a different message, not a duplicate.
        List<Map<String, Object>> sameId = conversations.stream().filter(c -> "Same id".equals(c.get("subject"))).toList();
        assertThat(sameId).hasSize(2);
        assertThat(sameId.stream().map(c -> http.get("/api/v1/conversations/" + c.get("id"), t.admin()).map().get("messages").toString()))
                .filteredOn(messages -> messages.contains("REUSED_MESSAGE_ID")).hasSize(1);
    }

    @Test
    void badCharsetsAndBrokenBase64AreStoredReadably() {
        Map<String, Object> charset = message("Bad charset");
        assertThat(charset.get("text").toString()).contains("Caf");
        Map<String, Object> base64 = message("Broken base64");
        assertThat(base64.get("attachments").toString()).contains("data.bin");
    }

    @Test
    void nothingExecutableSurvivesInHtml() {
        String html = message("Pretty newsletter").get("html").toString().toLowerCase();
        assertThat(html).contains("hi").doesNotContain("<script").doesNotContain("onerror").doesNotContain("javascript:")
                .doesNotContain("<style").doesNotContain("<svg");
    }

    @Test
    void anAutoReplyLoopIsFlaggedAndThreadedNotAnswered() {
        List<Map<String, Object>> bots = conversations.stream()
                .filter(c -> c.get("customerAddress").equals("bot-a@robots.example")).toList();
        assertThat(bots).hasSize(1); // the second auto-reply answers the first: same conversation
        var detail = http.get("/api/v1/conversations/" + bots.getFirst().get("id"), t.admin()).map();
        assertThat(detail.get("messages").toString()).contains("AUTO_SUBMITTED").contains("LOOP");
        // Auto-replies (the outbound issue) are held back for flagged mail; here: nothing was sent.
    }

    private List<Map<String, Object>> allConversations() {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = http.get("/api/v1/conversations?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), t.admin()).map();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            all.addAll(items);
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return all;
    }

    private List<String> subjects() {
        return conversations.stream().map(c -> c.get("subject").toString()).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> message(String subject) {
        Object id = conversations.stream().filter(c -> subject.equals(c.get("subject"))).findFirst().orElseThrow().get("id");
        var detail = http.get("/api/v1/conversations/" + id, t.admin()).map();
        return ((List<Map<String, Object>>) detail.get("messages")).getFirst();
    }
}
