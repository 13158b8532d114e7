package dev.postline.server.compose;

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
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Auto-replies on a real mail server: once on the first message of a new conversation, marked as
 * automatic, never to automated mail, blocked senders or our own addresses, at most once per
 * sender within the cap, and only while active.
 *
 * <p>Absence is proven by order, not by waiting: one touchpoint's mail is ingested in arrival
 * order and the decision is taken inside the ingest transaction, so once a later sender's
 * auto-reply has arrived, every earlier message has been decided.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoReplyTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String HELP = "help@autoreply.example.com";
    static final String LATER = "later@autoreply.example.com";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    GreenMailUser helpBox;
    GreenMailUser laterBox;
    String helpId;
    String laterId;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.outbox.poll-interval", "100ms");
        return props;
    }

    @BeforeAll
    void touchpoints() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "autoreply");
        helpId = Mailbox.touchpoint(http, t, MAIL, HELP, Map.of());
        laterId = Mailbox.touchpoint(http, t, MAIL, LATER, Map.of());
        helpBox = MAIL.mailbox(HELP, "pw-" + HELP);
        laterBox = MAIL.mailbox(LATER, "pw-" + LATER);
        var saved = expect(http.put("/api/v1/touchpoints/" + helpId + "/auto-reply", t.admin(), Map.of("subject", "We got your message",
                "html", "<p>Thanks for writing.<script>alert(1)</script></p>", "text", "Thanks for writing.", "active", true)), 200);
        assertThat(saved.map()).containsEntry("perSenderHours", 3).containsEntry("active", true);
        assertThat(saved.string("html")).contains("Thanks for writing.").doesNotContain("script");
        expect(http.post("/api/v1/touchpoints/" + helpId + "/blocklist", t.admin(), Map.of("pattern", "@blocked.example")), 201);
    }

    @AfterAll
    void stop() {
        MAIL.close();
    }

    @Test
    void theFirstMessageOfANewConversationGetsOneAutoReplyMarkedAsAutomaticAndThreaded() throws Exception {
        MAIL.deliver(helpBox, Mailbox.customerMail("amy@ar1.example", HELP, "first@ar1.example", "Where is my parcel?", "Order 12.",
                List.of()));
        MimeMessage auto = Mailbox.received(MAIL, "ar1.example", "We got your message");
        assertThat(Mailbox.header(auto, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(Mailbox.header(auto, "X-Auto-Response-Suppress")).isEqualTo("All");
        assertThat(Mailbox.header(auto, "In-Reply-To")).isEqualTo("<first@ar1.example>");
        assertThat(Mailbox.texts(auto)).contains("Thanks for writing.");
        String conversation = Mailbox.conversationOf(http, t, "amy@ar1.example");
        Eventually.await("the auto-reply in the conversation", Duration.ofSeconds(20),
                () -> Mailbox.messages(http, t, conversation).size() == 2);
        assertThat(Mailbox.messages(http, t, conversation).get(1).get("flags").toString()).contains("AUTO_REPLY");

        // A follow-up in the same conversation, then a new conversation from the same sender within the cap: no auto-reply.
        MAIL.deliver(helpBox, Mailbox.customerMail("amy@ar1.example", HELP, "second@ar1.example", "Re: Where is my parcel?", "Any news?",
                List.of("In-Reply-To: " + auto.getMessageID())));
        MAIL.deliver(helpBox, Mailbox.customerMail("amy@ar1.example", HELP, "third@ar1.example", "Another topic", "New question.",
                List.of()));
        MAIL.deliver(helpBox, Mailbox.customerMail("ben@ar1b.example", HELP, "marker@ar1b.example", "Marker", "After amy.", List.of()));
        Mailbox.received(MAIL, "ar1b.example", "We got your message");
        assertThat(Mailbox.messages(http, t, conversation)).hasSize(3);
        assertThat(Mailbox.countReceived(MAIL, "ar1.example", "We got your message")).as("one per sender within the cap").isEqualTo(1);
    }

    @Test
    void automatedMailBouncesListsBlockedSendersAndOurOwnAddressesGetNoAutoReply() {
        MAIL.deliver(helpBox, Mailbox.customerMail("robot@ar2.example", HELP, "auto@ar2.example", "Out of office", "I am away.",
                List.of("Auto-Submitted: auto-replied")));
        MAIL.deliver(helpBox, Mailbox.customerMail("news@ar2.example", HELP, "list@ar2.example", "Newsletter", "News.",
                List.of("List-Id: <news.ar2.example>", "Precedence: bulk")));
        MAIL.deliver(helpBox, Mailbox.customerMail("mailer-daemon@ar2.example", HELP, "bounce@ar2.example",
                "Undelivered Mail Returned to Sender", "Delivery failed.", List.of("Auto-Submitted: auto-generated")));
        MAIL.deliver(helpBox, Mailbox.customerMail("spam@blocked.example", HELP, "spam@blocked.example", "Buy now", "Cheap.", List.of()));
        MAIL.deliver(helpBox, Mailbox.customerMail(LATER, HELP, "own@autoreply.example.com", "From ourselves", "Loop?", List.of()));
        MAIL.deliver(helpBox, Mailbox.customerMail("cleo@ar2b.example", HELP, "marker@ar2b.example", "Marker", "After them.", List.of()));

        Mailbox.received(MAIL, "ar2b.example", "We got your message");
        assertThat(Mailbox.countReceived(MAIL, "ar2.example", "We got your message")).isZero();
        assertThat(Mailbox.countReceived(MAIL, "blocked.example", "We got your message")).isZero();
        assertThat(Mailbox.countReceived(MAIL, "autoreply.example.com", "We got your message")).isZero();
    }

    @Test
    void anAutoReplySavedInactiveSendsNothingUntilActivated() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("text", "Closed for the holidays.", "active", false, "perSenderHours", 5));
        var saved = expect(http.put("/api/v1/touchpoints/" + laterId + "/auto-reply", t.admin(), config), 200);
        assertThat(saved.map()).containsEntry("active", false).containsEntry("perSenderHours", 5).containsEntry("subject", "");
        MAIL.deliver(laterBox, Mailbox.customerMail("dora@ar3.example", LATER, "q@ar3.example", "Hello", "Are you open?", List.of()));
        Mailbox.conversationOf(http, t, "dora@ar3.example");

        config.put("active", true);
        expect(http.put("/api/v1/touchpoints/" + laterId + "/auto-reply", t.admin(), config), 200);
        MAIL.deliver(laterBox, Mailbox.customerMail("eve@ar3b.example", LATER, "q@ar3b.example", "Hello too", "Open?", List.of()));
        MimeMessage auto = Mailbox.received(MAIL, "ar3b.example", "Closed for the holidays.");
        assertThat(auto.getSubject()).as("the default subject").isEqualTo("Re: Hello too");
        assertThat(Mailbox.countReceived(MAIL, "ar3.example", "Closed for the holidays.")).isZero();
    }

    @Test
    void onlyAdminsConfigureAutoRepliesAndBadInputIsRefused() {
        String path = "/api/v1/touchpoints/" + helpId + "/auto-reply";
        assertThat(http.get(path, t.agent()).status()).isEqualTo(403);
        assertThat(http.put(path, t.apiKey(), Map.of("text", "x")).status()).isEqualTo(403);
        var crlf = http.put(path, t.admin(), Map.of("subject", "Hi\r\nBcc: all@evil.example", "text", "x", "active", true));
        assertThat(crlf.status()).isEqualTo(400);
        assertThat(crlf.body()).contains("subject");
        var empty = http.put(path, t.admin(), Map.of("active", true));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(http.put(path, t.admin(), Map.of("text", "x", "perSenderHours", -1)).status()).isEqualTo(400);
        assertThat(http.put(path, t.admin(), Map.of("text", "x", "perSenderHours", 721)).status()).isEqualTo(400);
        assertThat(http.get(path, t.admin()).string("subject")).as("unchanged").isEqualTo("We got your message");
    }

    @Test
    void withNoPerSenderWindowEveryNewConversationOfTheSameSenderGetsItsAutoReply() throws Exception {
        String address = "every@autoreply.example.com";
        String everyId = Mailbox.touchpoint(http, t, MAIL, address, Map.of());
        GreenMailUser box = MAIL.mailbox(address, "pw-" + address);
        var saved = expect(http.put("/api/v1/touchpoints/" + everyId + "/auto-reply", t.admin(), Map.of("subject", "EVERY {{ticket.number}}",
                "text", "One per conversation.", "active", true, "perSenderHours", 0)), 200);
        assertThat(saved.map()).containsEntry("perSenderHours", 0);

        MAIL.deliver(box, Mailbox.customerMail("gus@ar5.example", address, "one@ar5.example", "First topic", "One.", List.of()));
        Mailbox.received(MAIL, "ar5.example", "EVERY");
        MAIL.deliver(box, Mailbox.customerMail("gus@ar5.example", address, "two@ar5.example", "Second topic", "Two.", List.of()));
        Eventually.await("a second auto-reply for the second conversation", Duration.ofSeconds(20),
                () -> Mailbox.countReceived(MAIL, "ar5.example", "EVERY") == 2);
    }

    @Test
    void listTrafficTheClassifierUsedToMissGetsNoAutoReply() {
        MAIL.deliver(helpBox, Mailbox.customerMail("ietf-request@ar6.example", HELP, "robot@ar6.example", "Your subscription",
                "Confirm.", List.of("X-Mailman-Version: 2.1.39")));
        MAIL.deliver(helpBox, "From: Announcer <announcer@ar6.example>\r\nTo: IETF-Announce:;\r\nSubject: Announcement\r\n"
                + "Message-ID: <group@ar6.example>\r\n\r\nNews.\r\n");
        MAIL.deliver(helpBox, Mailbox.customerMail("hal@ar6b.example", HELP, "marker@ar6b.example", "Marker", "After them.", List.of()));

        Mailbox.received(MAIL, "ar6b.example", "We got your message");
        assertThat(Mailbox.countReceived(MAIL, "ar6.example", "We got your message")).isZero();
    }

    @Test
    void variablesAreFilledPerConversationEscapedInHtmlAndUnknownOnesAreRefusedWhenSaved() throws Exception {
        String address = "vars@autoreply.example.com";
        String varsId = Mailbox.touchpoint(http, t, MAIL, address, Map.of());
        GreenMailUser box = MAIL.mailbox(address, "pw-" + address);
        String path = "/api/v1/touchpoints/" + varsId + "/auto-reply";
        var unknown = http.put(path, t.admin(), Map.of("subject", "Re {{ticket.nr}}", "text", "Hi {{customer.nickname}}", "active", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("{{customer.nickname}}").contains("{{ticket.nr}}");
        expect(http.put(path, t.admin(), Map.of("subject", "VARS received: {{conversation.subject}} (#{{ticket.number}})",
                "text", "Hello {{customer.name}}, {{touchpoint.name}} got your mail.",
                "html", "<p>Hello {{customer.name}}, we reply to {{customer.email}}.</p>", "active", true)), 200);

        MAIL.deliver(box, "From: \"Fred <b>Bold</b>\" <fred@ar4.example>\r\nTo: " + address + "\r\nSubject: Printer jam\r\n"
                + "Message-ID: <q@ar4.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nIt jams.\r\n");
        MimeMessage auto = Mailbox.received(MAIL, "ar4.example", "VARS received");
        assertThat(auto.getSubject()).matches("VARS received: Printer jam \\(#\\d+\\)");
        String all = Mailbox.texts(auto);
        assertThat(all).contains("Hello Fred <b>Bold</b>, Support vars@autoreply.example.com got your mail.")
                .contains("Hello Fred &lt;b&gt;Bold&lt;/b&gt;, we reply to fred@ar4.example.")
                .doesNotContain("{{");
    }
}
