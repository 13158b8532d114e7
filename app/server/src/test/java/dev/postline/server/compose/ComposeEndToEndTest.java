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
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reply, reply-all and forward end to end on a real mail server (GreenMail): recipients, subject,
 * attachments byte-exact, threading headers, the customer's answer threading back; and bad input
 * refused with nothing queued.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeEndToEndTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String SUPPORT = "support@compose.example.com";
    static final String EML = "eml@compose.example.com";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    TenantFixture other;
    GreenMailUser supportBox;
    GreenMailUser emlBox;
    String supportId;
    String emlId;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.outbox.poll-interval", "100ms");
        return props;
    }

    @BeforeAll
    void touchpoints() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "compose");
        other = TenantFixture.create(http, "compose-other");
        supportId = Mailbox.touchpoint(http, t, MAIL, SUPPORT, Map.of());
        emlId = Mailbox.touchpoint(http, t, MAIL, EML, Map.of("forwardMode", "attachment"));
        supportBox = MAIL.mailbox(SUPPORT, "pw-" + SUPPORT);
        emlBox = MAIL.mailbox(EML, "pw-" + EML);
    }

    @AfterAll
    void stop() {
        MAIL.close();
    }

    @Test
    void aReplyWithCcAndAnAttachmentArrivesByteExactThreadedAndTheAnswerJoinsTheConversation() throws Exception {
        MAIL.mailbox("jane@cust1.example", "x");
        MAIL.deliver(supportBox, Mailbox.customerMail("jane@cust1.example", SUPPORT, "q1@cust1.example", "Broken kettle",
                "It does not heat.", List.of()));
        String conversation = Mailbox.conversationOf(http, t, "jane@cust1.example");
        byte[] file = new byte[300_000];
        new Random(42).nextBytes(file);
        String upload = expect(http.upload("/api/v1/uploads", t.agent(), "manual.bin", "application/octet-stream", file), 201).string("id");

        var queued = expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of(
                "text", "Please see the manual attached.", "cc", List.of("Boss Person <boss@cust1.example>"),
                "attachments", List.of(upload))), 202);
        assertThat(queued.string("status")).isEqualTo("QUEUED");
        assertThat(queued.string("id")).isEqualTo(queued.string("messageId"));

        MimeMessage reply = Mailbox.received(MAIL, "cust1.example", "Please see the manual attached.");
        assertThat(reply.getSubject()).isEqualTo("Re: Broken kettle");
        assertThat(Mailbox.header(reply, "To")).contains("jane@cust1.example");
        assertThat(Mailbox.header(reply, "Cc")).contains("Boss Person").contains("boss@cust1.example");
        assertThat(Mailbox.header(reply, "In-Reply-To")).isEqualTo("<q1@cust1.example>");
        assertThat(Mailbox.header(reply, "References")).contains("<q1@cust1.example>");
        assertThat(bytes(Mailbox.file(reply, "manual.bin").orElseThrow())).as("the attachment, byte-exact").isEqualTo(file);

        String ourId = reply.getMessageID();
        MAIL.deliver(supportBox, Mailbox.customerMail("jane@cust1.example", SUPPORT, "q2@cust1.example", "Re: Broken kettle",
                "Thanks, it works now.", List.of("In-Reply-To: " + ourId, "References: <q1@cust1.example> " + ourId)));
        Eventually.await("the answer in the same conversation", Duration.ofSeconds(30),
                () -> Mailbox.messages(http, t, conversation).size() == 3);
        var messages = Mailbox.messages(http, t, conversation);
        assertThat(messages).extracting(m -> m.get("direction")).containsExactly("INBOUND", "OUTBOUND", "INBOUND");
        assertThat(messages.get(1).get("attachments").toString()).contains("manual.bin");
    }

    @Test
    void theCustomersAnswerToAReplySentFromAnotherTouchpointJoinsTheOriginalConversation() throws Exception {
        MAIL.mailbox("omar@cust-x.example", "x");
        MAIL.deliver(supportBox, Mailbox.customerMail("omar@cust-x.example", SUPPORT, "qx1@cust-x.example", "Invoice question",
                "Why twice?", List.of()));
        String conversation = Mailbox.conversationOf(http, t, "omar@cust-x.example");
        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", "CROSS-TP answer from billing",
                "touchpointId", emlId)), 202);
        MimeMessage reply = Mailbox.received(MAIL, "cust-x.example", "CROSS-TP answer");
        assertThat(Mailbox.header(reply, "From")).contains(EML);

        // The customer answers the address the reply came from: the other touchpoint's mailbox.
        String ourId = reply.getMessageID();
        MAIL.deliver(emlBox, Mailbox.customerMail("omar@cust-x.example", EML, "qx2@cust-x.example", "Re: Invoice question",
                "CROSS-TP thanks", List.of("In-Reply-To: " + ourId, "References: <qx1@cust-x.example> " + ourId)));
        Eventually.await("the answer in the original conversation", Duration.ofSeconds(30),
                () -> Mailbox.messages(http, t, conversation).size() == 3);
        assertThat(Mailbox.messages(http, t, conversation)).extracting(m -> m.get("direction"))
                .containsExactly("INBOUND", "OUTBOUND", "INBOUND");
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) http.get("/api/v1/conversations?limit=100", t.admin()).map().get("items");
        assertThat(items).as("no second conversation for the answer")
                .filteredOn(c -> "omar@cust-x.example".equals(c.get("customerAddress"))).hasSize(1);
    }

    @Test
    void replyAllGoesToTheCustomerAndTheOtherRecipientsButNotToOurOwnAddresses() throws Exception {
        MAIL.deliver(supportBox, Mailbox.customerMail("kim@cust2.example", SUPPORT + ", Ann <ann@cust2.example>", "q@cust2.example",
                "Team question", "What about us?", List.of("Cc: bob@cust2.example, " + EML)));
        String conversation = Mailbox.conversationOf(http, t, "kim@cust2.example");
        expect(http.post("/api/v1/conversations/" + conversation + "/reply-all", t.agent(), Map.of(
                "text", "Answer for the whole team.", "subject", "Your team question")), 202);

        MimeMessage reply = Mailbox.received(MAIL, "cust2.example", "Answer for the whole team.");
        assertThat(reply.getSubject()).isEqualTo("Your team question");
        String to = Mailbox.header(reply, "To");
        assertThat(to).contains("kim@cust2.example").contains("ann@cust2.example").contains("bob@cust2.example")
                .doesNotContain(SUPPORT).doesNotContain(EML);
        Eventually.await("one copy per recipient", Duration.ofSeconds(10),
                () -> Mailbox.countReceived(MAIL, "cust2.example", "Answer for the whole team.") == 3);
    }

    @Test
    void aForwardQuotesTheOriginalAndStaysInTheConversation() throws Exception {
        MAIL.deliver(supportBox, Mailbox.customerMail("lee@cust3.example", SUPPORT, "q@cust3.example", "Invoice <wrong>",
                "The total is 12 EUR too high.", List.of()));
        String conversation = Mailbox.conversationOf(http, t, "lee@cust3.example");
        MAIL.mailbox("billing@partner3.example", "x");
        expect(http.post("/api/v1/conversations/" + conversation + "/forward", t.agent(), Map.of(
                "to", List.of("billing@partner3.example"), "text", "Can you check this invoice?")), 202);

        MimeMessage forward = Mailbox.received(MAIL, "partner3.example", "Can you check this invoice?");
        assertThat(forward.getSubject()).isEqualTo("Fwd: Invoice <wrong>");
        assertThat(Mailbox.header(forward, "In-Reply-To")).isNull();
        String body = Mailbox.texts(forward);
        assertThat(body).contains("---------- Forwarded message ---------").contains("From: Customer <lee@cust3.example>")
                .contains("Subject: Invoice <wrong>").contains("To: " + SUPPORT).contains("The total is 12 EUR too high.");
        var messages = Mailbox.messages(http, t, conversation);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("to").toString()).contains("billing@partner3.example");
        assertThat(http.get("/api/v1/conversations?limit=200", t.admin()).body()).doesNotContain("billing@partner3.example");
    }

    @Test
    void aTouchpointCanForwardTheOriginalAsAnEmlAttachmentByteExact() throws Exception {
        String original = Mailbox.customerMail("max@cust4.example", EML, "q@cust4.example", "Contract draft", "See the draft.",
                List.of("X-Original-Marker: 4711"));
        MAIL.deliver(emlBox, original);
        String conversation = Mailbox.conversationOf(http, t, "max@cust4.example");
        String inbound = Mailbox.messages(http, t, conversation).getFirst().get("id").toString();
        byte[] stored = http.get("/api/v1/conversations/" + conversation + "/messages/" + inbound + "/raw", t.admin())
                .body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        MAIL.mailbox("legal@partner4.example", "x");
        expect(http.post("/api/v1/conversations/" + conversation + "/forward", t.agent(), Map.of(
                "to", List.of("legal@partner4.example"), "text", "Please review.", "messageId", inbound)), 202);

        MimeMessage forward = Mailbox.received(MAIL, "partner4.example", "Please review.");
        assertThat(forward.getSubject()).isEqualTo("Fwd: Contract draft");
        Part eml = Mailbox.file(forward, "Contract draft.eml").orElseThrow();
        assertThat(eml.isMimeType("message/rfc822")).isTrue();
        assertThat(bytes(eml)).as("the original, byte-exact").isEqualTo(stored);
        assertThat(new String(bytes(eml), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("X-Original-Marker: 4711");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsQueued() {
        MAIL.deliver(supportBox, Mailbox.customerMail("ivy@cust5.example", SUPPORT, "q@cust5.example", "Bad input", "hi", List.of()));
        String conversation = Mailbox.conversationOf(http, t, "ivy@cust5.example");
        String path = "/api/v1/conversations/" + conversation;
        String upload = expect(http.upload("/api/v1/uploads", t.agent(), "ok.txt", "text/plain", "fine".getBytes()), 201).string("id");

        assertRefused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "subject", "Hi\r\nBcc: all@evil.example")), 400, "subject");
        assertRefused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "to", List.of("Evil\r\nBcc: x@evil.example <a@b.example>"))),
                400, "to[0]");
        assertRefused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "cc", List.of("not-an-address"))), 400, "cc[0]");
        assertRefused(http.post(path + "/forward", t.agent(), Map.of("text", "x")), 400, "to");
        assertRefused(http.post(path + "/reply", t.admin(), Map.of("text", "x", "attachments", List.of(upload))), 404, "upload");
        String inboundOnly = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "inonly@compose.example.com",
                "displayName", "Inbound only", "connector", "imap", "direction", "INBOUND",
                "settings", TenantFixture.imapSettings("compose"))), 201).string("id");
        assertRefused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "touchpointId", inboundOnly)), 409, "does not send");
        assertRefused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "touchpointId", other.touchpointId())), 404, "touchpoint");
        String otherUpload = expect(http.upload("/api/v1/uploads", other.agent(), "theirs.txt", "text/plain", "x".getBytes()), 201).string("id");
        assertRefused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "attachments", List.of(otherUpload))), 404, "upload");
        assertRefused(http.post(path + "/reply", other.admin(), Map.of("text", "x")), 404, "conversation");
        assertRefused(http.patch("/api/v1/touchpoints/" + supportId, t.admin(), Map.of("settings", Map.of("forwardMode", "fax"))),
                400, "settings.forwardMode");

        assertThat(Mailbox.messages(http, t, conversation)).as("nothing queued").hasSize(1);
    }

    private static void assertRefused(Http.Response response, int status, String mentions) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.body()).contains(mentions);
    }

    private static byte[] bytes(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
