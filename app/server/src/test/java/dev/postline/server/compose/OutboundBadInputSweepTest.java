package dev.postline.server.compose;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.MultipartUpload;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #5, "Must show", bad input: every kind the issue names, each answered with a 4xx that
 * names the problem, and nothing queued or changed. "Nothing queued" is checked by what a client
 * and the customer can observe: the conversation's messages (an outbox entry is written only with
 * its message, in one transaction) and, after a valid reply has gone out behind them, the
 * customer's mailbox holding that reply alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundBadInputSweepTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String SUPPORT = "help@sweep.example.com";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    MultipartUpload multipart;
    TenantFixture t;
    TenantFixture other;
    GreenMailUser supportBox;
    String supportId;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.outbox.poll-interval", "100ms");
        return props;
    }

    @BeforeAll
    void touchpoints() {
        http = new Http(server.getURI(), json);
        multipart = new MultipartUpload(server.getURI(), json);
        t = TenantFixture.create(http, "sweep");
        other = TenantFixture.create(http, "sweep-other");
        supportId = Mailbox.touchpoint(http, t, MAIL, SUPPORT, Map.of());
        supportBox = MAIL.mailbox(SUPPORT, "pw-" + SUPPORT);
    }

    @AfterAll
    void stop() {
        MAIL.close();
    }

    @Test
    void everyKindOfBadInputIsA4xxNamingTheProblemAndNothingIsQueued() throws Exception {
        GreenMailUser customerBox = MAIL.mailbox("ivy@sweep-cust.example", "x");
        MAIL.deliver(supportBox, Mailbox.customerMail("ivy@sweep-cust.example", SUPPORT, "q@sweep-cust.example", "Bad input", "hi",
                List.of()));
        String conversation = Mailbox.conversationOf(http, t, "ivy@sweep-cust.example");
        String path = "/api/v1/conversations/" + conversation;
        String theirConversation = theirConversation();
        // Saved values first, so "unchanged" means a refused write did not overwrite them.
        expect(http.put("/api/v1/touchpoints/" + supportId + "/signature", t.admin(), Map.of("html", "<p>Old signature</p>",
                "active", false)), 200);
        expect(http.put("/api/v1/touchpoints/" + supportId + "/template", t.admin(), Map.of("headerHtml", "<p>Old header</p>")), 200);
        expect(http.put("/api/v1/touchpoints/" + supportId + "/contact-card", t.admin(), Map.of("enabled", false, "fullName", "Old")), 200);
        String signatureBefore = http.get("/api/v1/touchpoints/" + supportId + "/signature", t.admin()).body();
        String templateBefore = http.get("/api/v1/touchpoints/" + supportId + "/template", t.admin()).body();
        String cardBefore = http.get("/api/v1/touchpoints/" + supportId + "/contact-card", t.admin()).body();
        String touchpointBefore = http.get("/api/v1/touchpoints/" + supportId, t.admin()).body();
        String responsesBefore = http.get("/api/v1/standard-responses", t.admin()).body();

        // CR/LF (or another line break) in a subject, a display name, a file name.
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "subject", "Hi\r\nBcc: all@evil.example")), 400, "subject");
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "subject", "Hi\u2028there")), 400, "subject");
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "cc", List.of("Evil\r\nBcc: x@evil.example <a@sweep-cust.example>"))),
                400, "cc[0]");
        refused(http.post(path + "/forward", t.agent(), Map.of("text", "x", "to", List.of("Evil\nX-Hdr: 1 <b@sweep-cust.example>"))),
                400, "to[0]");
        refused(http.patch("/api/v1/touchpoints/" + supportId, t.admin(), Map.of("displayName", "Support\r\nBcc: x@evil.example")),
                400, "displayName");
        refused(http.patch("/api/v1/touchpoints/" + supportId, t.admin(), Map.of("displayName", "Support\u2028Desk")), 400, "displayName");
        refused(http.put("/api/v1/touchpoints/" + supportId + "/contact-card", t.admin(), Map.of("enabled", true,
                "fullName", "Desk\u2028Bcc: x@evil.example")), 400, "fullName");
        refused(http.uploadWithFileParameter("/api/v1/uploads", t.agent(), "filename*=UTF-8''a%0D%0ABcc%3A%20x.txt", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8)), 400, "fileName");
        refused(http.post(path + "/drafts", t.agent(), Map.of("subject", "Draft\r\nBcc: x@evil.example", "text", "x")), 400, "subject");

        // Invalid addresses.
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "to", List.of("not-an-address"))), 400, "to[0]");
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "bcc", List.of("a@b@sweep-cust.example"))), 400, "bcc[0]");
        refused(http.post(path + "/reply-all", t.agent(), Map.of("text", "x", "cc", List.of("ivy@-bad-.example"))), 400, "cc[0]");

        // A 60 KB signature image, an unknown template variable (signature, template, standard response).
        refused(multipart.post("/api/v1/touchpoints/" + supportId + "/signature/images", t.admin(), "file", "big.png", "image/png",
                MultipartUpload.png(60 * 1024)), 400, "at most 50 KB");
        refused(http.put("/api/v1/touchpoints/" + supportId + "/signature", t.admin(), Map.of("html", "<p>{{agent.phone}}</p>",
                "active", true)), 400, "{{agent.phone}}");
        refused(http.put("/api/v1/touchpoints/" + supportId + "/template", t.admin(), Map.of("headerHtml", "<p>{{customer.nickname}}</p>")),
                400, "{{customer.nickname}}");
        refused(http.post("/api/v1/standard-responses", t.admin(), Map.of("name", "Broken", "text", "Hi {{customer.firstname}}")), 400,
                "{{customer.firstname}}");

        // Sending from an inbound-only touchpoint: named explicitly, or the conversation's own.
        String inboundOnly = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "in@sweep.example.com",
                "displayName", "Inbound only", "connector", "imap", "direction", "INBOUND",
                "settings", TenantFixture.imapSettings("sweep"))), 201).string("id");
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "touchpointId", inboundOnly)), 409, "does not send");
        String inboundConversation = ingest(inboundOnly, "una@sweep-cust.example", "q-in@sweep-cust.example", "Only in");
        refused(http.post("/api/v1/conversations/" + inboundConversation + "/reply", t.admin(), Map.of("text", "x")), 409, "does not send");

        // Another tenant's conversation, touchpoint and upload.
        refused(http.post("/api/v1/conversations/" + theirConversation + "/reply", t.admin(), Map.of("text", "x")), 404, "conversation");
        refused(http.post("/api/v1/conversations/" + theirConversation + "/forward", t.admin(), Map.of("text", "x",
                "to", List.of("x@sweep-cust.example"))), 404, "conversation");
        refused(http.post("/api/v1/conversations/" + theirConversation + "/drafts", t.agent(), Map.of("text", "x")), 404, "conversation");
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "touchpointId", other.touchpointId())), 404, "touchpoint");
        String theirUpload = expect(http.upload("/api/v1/uploads", other.agent(), "theirs.txt", "text/plain", "x".getBytes()), 201)
                .string("id");
        refused(http.post(path + "/reply", t.agent(), Map.of("text", "x", "attachments", List.of(theirUpload))), 404, "upload");

        // Nothing changed, nothing queued.
        assertThat(Mailbox.messages(http, t, conversation)).as("no message queued").hasSize(1);
        assertThat(Mailbox.messages(http, t, inboundConversation)).hasSize(1);
        assertThat(http.get("/api/v1/conversations/" + theirConversation, other.admin()).map().get("messages").toString())
                .doesNotContain("OUTBOUND");
        assertThat(expect(http.get(path + "/drafts", t.agent()), 200).list()).isEmpty();
        assertThat(http.get("/api/v1/touchpoints/" + supportId + "/signature", t.admin()).body()).isEqualTo(signatureBefore);
        assertThat(http.get("/api/v1/touchpoints/" + supportId + "/signature/images", t.admin()).list()).isEmpty();
        assertThat(http.get("/api/v1/touchpoints/" + supportId + "/template", t.admin()).body()).isEqualTo(templateBefore);
        assertThat(http.get("/api/v1/touchpoints/" + supportId + "/contact-card", t.admin()).body()).isEqualTo(cardBefore);
        assertThat(http.get("/api/v1/touchpoints/" + supportId, t.admin()).body()).isEqualTo(touchpointBefore);
        assertThat(http.get("/api/v1/standard-responses", t.admin()).body()).isEqualTo(responsesBefore);

        // A valid reply goes out behind all of that, and it is the only mail the customer gets.
        expect(http.post(path + "/reply", t.agent(), Map.of("text", "SWEEP-VALID reply")), 202);
        Mailbox.received(MAIL, "sweep-cust.example", "SWEEP-VALID");
        assertThat(MAIL.folder(customerBox, "INBOX")).singleElement().asString().contains("SWEEP-VALID");
        assertThat(MAIL.receivedFor("sweep-cust.example")).noneMatch(m -> m.contains("evil.example"));
    }

    @Test
    void aCustomerWhoseNameSubjectAndFileNameHoldUnicodeLineSeparatorsCanStillBeAnsweredAndForwarded() throws Exception {
        MAIL.mailbox("lin@sweep-sep.example", "x");
        MAIL.mailbox("partner@sweep-partner.example", "x");
        // U+2028 LINE SEPARATOR, encoded as RFC 2047 words (E2 80 A8): not a control character, yet a line break in headers.
        String raw = "From: =?UTF-8?Q?Lin=E2=80=A8Bcc=3A_x=40evil=2Eexample?= <lin@sweep-sep.example>\r\n"
                + "To: " + SUPPORT + "\r\nSubject: =?UTF-8?Q?Order=E2=80=A842?=\r\nMessage-ID: <q@sweep-sep.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPlease help.\r\n"
                + "--b\r\nContent-Type: text/plain; name=\"x.txt\"\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''notes%E2%80%A8Bcc.txt\r\n\r\nnotes\r\n--b--\r\n";
        MAIL.deliver(supportBox, raw);
        String conversation = Mailbox.conversationOf(http, t, "lin@sweep-sep.example");

        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", "SEP-REPLY")), 202);
        MimeMessage reply = Mailbox.received(MAIL, "sweep-sep.example", "SEP-REPLY");
        assertThat(reply.getSubject()).isEqualTo("Re: Order 42");
        assertThat(reply.getRecipients(jakarta.mail.Message.RecipientType.TO)).singleElement().asString()
                .isEqualTo("\"Lin Bcc: x@evil.example\" <lin@sweep-sep.example>");
        assertThat(reply.getRecipients(jakarta.mail.Message.RecipientType.CC)).isNull();
        assertThat(Mailbox.header(reply, "Bcc")).isNull();

        expect(http.post("/api/v1/conversations/" + conversation + "/forward", t.agent(), Map.of("text", "SEP-FORWARD",
                "to", List.of("partner@sweep-partner.example"))), 202);
        MimeMessage forward = Mailbox.received(MAIL, "sweep-partner.example", "SEP-FORWARD");
        assertThat(Mailbox.file(forward, "notes Bcc.txt")).isPresent();
    }

    @Test
    void anAgentsHtmlIsSanitisedBeforeItIsStoredOrSentAndScriptOnlyHtmlIsNoBody() throws Exception {
        MAIL.mailbox("hugo@sweep-html.example", "x");
        MAIL.deliver(supportBox, Mailbox.customerMail("hugo@sweep-html.example", SUPPORT, "q@sweep-html.example", "Html", "hi",
                List.of()));
        String conversation = Mailbox.conversationOf(http, t, "hugo@sweep-html.example");
        String path = "/api/v1/conversations/" + conversation;

        refused(http.post(path + "/reply", t.agent(), Map.of("html", "<script>alert(1)</script><style>p{}</style>")), 400, "text");

        String html = "<p onclick=\"alert(2)\">HTML-SWEEP <b>thanks</b><script>alert(3)</script>"
                + "<img src=\"x\" onerror=\"alert(4)\"> <a href=\"javascript:alert(5)\">bad</a>"
                + " <a href=\"https://shop.example/orders/42\">order</a> <a href=\"tel:+4930123\">call</a></p>"
                + "<iframe src=\"https://evil.example\"></iframe>";
        expect(http.post(path + "/reply", t.agent(), Map.of("html", html)), 202);
        MimeMessage sent = Mailbox.received(MAIL, "sweep-html.example", "HTML-SWEEP");
        String all = Mailbox.texts(sent);
        assertThat(all).contains("HTML-SWEEP", "<b>thanks</b>", "https://shop.example/orders/42", "tel:&#43;4930123"); // + as an entity
        assertThat(all.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script", "alert(", "onclick", "onerror", "javascript:",
                "<iframe");
        String stored = Mailbox.messages(http, t, conversation).toString().toLowerCase(java.util.Locale.ROOT);
        assertThat(stored).contains("html-sweep").doesNotContain("<script", "onerror", "javascript:", "<iframe");
    }

    private String ingest(String touchpointId, String from, String messageId, String subject) {
        IngestOutcome stored = pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(touchpointId), new InboundMail(
                "sweep-" + messageId, MailboxServer.customerMail(from, "in@sweep.example.com", messageId, subject, "hello", List.of())
                .getBytes(StandardCharsets.UTF_8), null));
        assertThat(stored.kind()).isEqualTo(IngestOutcome.Kind.STORED);
        return stored.conversationId().toString();
    }

    private String theirConversation() {
        IngestOutcome stored = pipeline.ingest(TenantId.parse(other.tenantId()), UUID.fromString(other.touchpointId()), new InboundMail(
                "their-1", MailboxServer.customerMail("zed@their.example", "support@sweep-other.example.com", "their@their.example",
                        "Theirs", "hello", List.of()).getBytes(StandardCharsets.UTF_8), null));
        return stored.conversationId().toString();
    }

    private static void refused(Http.Response response, int status, String names) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.body()).as("the problem is named").contains(names);
    }
}
