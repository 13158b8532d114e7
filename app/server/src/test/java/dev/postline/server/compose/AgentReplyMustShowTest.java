package dev.postline.server.compose;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.threading.ThreadTokens;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.MultipartUpload;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #5, "Must show", first item, with every part at once on a real mail server (GreenMail):
 * a touchpoint with an active signature (a variable, a {@code tel:} link, an inline PNG), a
 * template header and footer and the contact card; a customer writes; the agent answers with a cc,
 * an uploaded attachment and a BCC to the support address (so our own copy comes back through
 * sync, as a Sent-folder copy would). The mail is read back with Angus, an independent parser.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentReplyMustShowTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String SUPPORT = "desk@mustshow.example.com";
    static final String CUSTOMER = "jane@ms-customer.example";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject ThreadTokens tokens;

    Http http;
    MultipartUpload multipart;
    TenantFixture t;
    GreenMailUser supportBox;
    String supportId;
    byte[] logo;
    String logoCid;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.outbox.poll-interval", "100ms");
        return props;
    }

    @BeforeAll
    void brandedTouchpoint() throws Exception {
        http = new Http(server.getURI(), json);
        multipart = new MultipartUpload(server.getURI(), json);
        t = TenantFixture.create(http, "mustshow");
        supportId = Mailbox.touchpoint(http, t, MAIL, SUPPORT, Map.of("appendToSent", "true"));
        supportBox = MAIL.mailbox(SUPPORT, "pw-" + SUPPORT);

        logo = realPng();
        logoCid = expect(multipart.post("/api/v1/touchpoints/" + supportId + "/signature/images", t.admin(), "file", "logo.png",
                "image/png", logo), 201).string("contentId");
        expect(http.put("/api/v1/touchpoints/" + supportId + "/signature", t.admin(), Map.of("active", true, "html",
                "<p>Kind regards, {{agent.name}}<br><a href=\"tel:+15550199\">Call us</a><br><img src=\"cid:" + logoCid
                        + "\" alt=\"Logo\"></p>")), 200);
        expect(http.put("/api/v1/touchpoints/" + supportId + "/template", t.admin(), Map.of(
                "headerHtml", "<div>HEADER of {{touchpoint.name}}</div>", "footerHtml", "<p>FOOTER ticket {{ticket.number}}</p>")), 200);
        expect(http.put("/api/v1/touchpoints/" + supportId + "/contact-card", t.admin(), Map.of("enabled", true,
                "fullName", "Mustshow Desk", "email", SUPPORT, "phone", "+1 555 0199")), 200);
    }

    @AfterAll
    void stop() {
        MAIL.close();
    }

    @Test
    void aBrandedReplyArrivesOnceThreadedWithEverythingAndOurOwnCopyIsNoCustomerMessage() throws Exception {
        GreenMailUser customerBox = MAIL.mailbox(CUSTOMER, "x");
        GreenMailUser ccBox = MAIL.mailbox("boss@ms-cc.example", "x");
        MAIL.deliver(supportBox, Mailbox.customerMail(CUSTOMER, SUPPORT, "q1@ms-customer.example", "Broken kettle",
                "It does not heat.", List.of()));
        String conversation = Mailbox.conversationOf(http, t, CUSTOMER);
        Object ticket = conversationField(conversation, "number");
        byte[] file = new byte[200_000];
        new Random(5).nextBytes(file);
        String upload = expect(http.upload("/api/v1/uploads", t.agent(), "manual.bin", "application/octet-stream", file), 201)
                .string("id");

        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of(
                "text", "FIRST-REPLY: the manual is attached.", "cc", List.of("Boss Person <boss@ms-cc.example>"),
                "bcc", List.of(SUPPORT), "attachments", List.of(upload))), 202);

        MimeMessage reply = Mailbox.received(MAIL, "ms-customer.example", "FIRST-REPLY");
        String html = html(reply).orElseThrow();
        String agentName = "Agent " + t.marker();
        assertThat(html).as("template header, body, signature, footer in this order")
                .containsSubsequence("HEADER of Support " + SUPPORT, "FIRST-REPLY", "Kind regards, " + agentName,
                        "href=\"tel:+15550199\"", "src=\"cid:" + logoCid + "\"", "FOOTER ticket " + ticket)
                .doesNotContain("{{");
        assertThat(Mailbox.texts(reply)).contains("-- \r\nKind regards, " + agentName).contains("<tel:+15550199>");
        Part image = partWithContentId(reply, logoCid).orElseThrow();
        assertThat(image.isMimeType("image/png")).isTrue();
        assertThat(bytes(image)).as("the inline image, byte-exact").isEqualTo(logo);
        Part card = partNamed(reply, ".vcf").orElseThrow();
        assertThat(new String(bytes(card), StandardCharsets.UTF_8)).startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n").contains("FN:Mustshow Desk");
        assertThat(bytes(Mailbox.file(reply, "manual.bin").orElseThrow())).as("the attachment, byte-exact").isEqualTo(file);

        String ourId = reply.getMessageID();
        assertThat(ourId).startsWith("<").endsWith("@mustshow.example.com>");
        assertThat(tokens.conversationOf(TenantId.parse(t.tenantId()), UUID.fromString(supportId), ourId.substring(1, ourId.length() - 1)))
                .as("our Message-ID carries a valid signature for this conversation").contains(UUID.fromString(conversation));
        assertThat(Mailbox.header(reply, "In-Reply-To")).isEqualTo("<q1@ms-customer.example>");
        assertThat(Mailbox.header(reply, "References")).isEqualTo("<q1@ms-customer.example>");
        assertThat(reply.getSubject()).isEqualTo("Re: Broken kettle");
        assertThat(Mailbox.header(reply, "Bcc")).as("the BCC stays in the envelope").isNull();

        MimeMessage ccCopy = Mailbox.received(MAIL, "ms-cc.example", "FIRST-REPLY");
        assertThat(ccCopy.getMessageID()).isEqualTo(ourId);
        Eventually.await("our BCC copy in the support inbox", Duration.ofSeconds(30),
                () -> count(supportBox, "INBOX", "FIRST-REPLY") == 1);
        Eventually.await("our copy in the Sent folder", Duration.ofSeconds(30), () -> count(supportBox, "Sent", "FIRST-REPLY") == 1);

        // The customer answers with an unrelated subject and only In-Reply-To: our signed id alone threads it.
        MAIL.deliver(supportBox, Mailbox.customerMail(CUSTOMER, SUPPORT, "q2@ms-customer.example", "Another thing",
                "Thanks, it heats now.", List.of("In-Reply-To: " + ourId)));
        Eventually.await("the answer in the same conversation", Duration.ofSeconds(30),
                () -> Mailbox.messages(http, t, conversation).size() >= 3);
        assertThat(Mailbox.messages(http, t, conversation)).extracting(m -> m.get("direction"))
                .as("our BCC copy (synced before the answer) is not a customer message").containsExactly("INBOUND", "OUTBOUND", "INBOUND");
        assertThat(customersOfTenant()).as("no conversation with our own address").doesNotContain(SUPPORT).containsOnlyOnce(CUSTOMER);
        assertThat(count(customerBox, "INBOX", "FIRST-REPLY")).as("one copy for the customer").isEqualTo(1);
        assertThat(count(ccBox, "INBOX", "FIRST-REPLY")).as("one copy for the cc").isEqualTo(1);

        // A second reply is signed and templated again, but carries no contact card.
        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", "SECOND-REPLY: glad to hear.")), 202);
        MimeMessage second = Mailbox.received(MAIL, "ms-customer.example", "SECOND-REPLY");
        assertThat(partNamed(second, ".vcf")).as("the contact card goes with the first message only").isEmpty();
        assertThat(html(second).orElseThrow()).contains("HEADER of", "Kind regards, " + agentName, "FOOTER ticket");
        assertThat(partWithContentId(second, logoCid)).isPresent();
        assertThat(Mailbox.header(second, "In-Reply-To")).isEqualTo("<q2@ms-customer.example>");
        assertThat(jakarta.mail.internet.MimeUtility.unfold(Mailbox.header(second, "References"))).as("oldest first, folded")
                .isEqualTo("<q1@ms-customer.example> " + ourId + " <q2@ms-customer.example>");
        Eventually.await("the second reply SENT", Duration.ofSeconds(30), () -> "SENT".equals(Mailbox.messages(http, t, conversation)
                .getLast().get("deliveryStatus")));
        assertThat(Mailbox.messages(http, t, conversation)).extracting(m -> m.get("direction"))
                .containsExactly("INBOUND", "OUTBOUND", "INBOUND", "OUTBOUND");
    }

    @Test
    void anInsertedStandardResponseIsRenderedForTheConversationAndGoesOutAsRendered() throws Exception {
        MAIL.mailbox("ola@ms-std.example", "x");
        MAIL.deliver(supportBox, Mailbox.customerMail("ola@ms-std.example", SUPPORT, "q@ms-std.example", "Refund?",
                "May I get a refund?", List.of()));
        String conversation = Mailbox.conversationOf(http, t, "ola@ms-std.example");
        Object ticket = conversationField(conversation, "number");
        String response = expect(http.post("/api/v1/standard-responses", t.admin(), Map.of("name", "Refund policy",
                "text", "STD-RESPONSE Hello {{customer.name}}, {{agent.name}} here about ticket {{ticket.number}}.")), 201).string("id");

        var rendered = expect(http.post("/api/v1/conversations/" + conversation + "/standard-responses/" + response + "/render",
                t.agent(), null), 200).map();
        String expected = "STD-RESPONSE Hello Customer, Agent " + t.marker() + " here about ticket " + ticket + ".";
        assertThat(rendered.get("text")).isEqualTo(expected);

        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", rendered.get("text"),
                "html", rendered.get("html"))), 202);
        MimeMessage reply = Mailbox.received(MAIL, "ms-std.example", "STD-RESPONSE");
        assertThat(Mailbox.texts(reply)).contains(expected).doesNotContain("{{");
        assertThat(html(reply).orElseThrow()).contains("STD-RESPONSE Hello Customer, Agent " + t.marker());
    }

    private static long count(GreenMailUser mailbox, String folder, String marker) {
        return MAIL.folder(mailbox, folder).stream().filter(m -> m.contains(marker)).count();
    }

    private Object conversationField(String conversation, String field) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) expect(http.get("/api/v1/conversations/" + conversation, t.admin()), 200)
                .map().get("conversation");
        return c.get(field);
    }

    @SuppressWarnings("unchecked")
    private List<String> customersOfTenant() {
        var items = (List<Map<String, Object>>) http.get("/api/v1/conversations?limit=200", t.admin()).map().get("items");
        return items.stream().map(c -> c.get("customerAddress").toString()).toList();
    }

    /** A real PNG (decodable by any client), small enough for a signature. */
    private static byte[] realPng() throws Exception {
        BufferedImage image = new BufferedImage(40, 12, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x1E6FD9));
        g.fillRect(0, 0, 40, 12);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Optional<String> html(Part part) throws Exception {
        List<Part> found = new ArrayList<>();
        walk(part, found);
        for (Part p : found) {
            if (p.isMimeType("text/html") && p.getFileName() == null) {
                // Numeric character references decoded, as a mail client's HTML parser does (the sanitiser writes '@' as &#64;).
                return Optional.of(java.util.regex.Pattern.compile("&#(\\d+);").matcher(p.getContent().toString())
                        .replaceAll(r -> java.util.regex.Matcher.quoteReplacement(Character.toString(Integer.parseInt(r.group(1))))));
            }
        }
        return Optional.empty();
    }

    private static Optional<Part> partWithContentId(Part part, String contentId) throws Exception {
        List<Part> found = new ArrayList<>();
        walk(part, found);
        for (Part p : found) {
            String[] ids = p.getHeader("Content-ID");
            if (ids != null && ids[0].equals("<" + contentId + ">")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Part> partNamed(Part part, String suffix) throws Exception {
        List<Part> found = new ArrayList<>();
        walk(part, found);
        for (Part p : found) {
            if (p.getFileName() != null && p.getFileName().endsWith(suffix)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static void walk(Part part, List<Part> into) throws Exception {
        into.add(part);
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, into);
            }
        }
    }

    private static byte[] bytes(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
