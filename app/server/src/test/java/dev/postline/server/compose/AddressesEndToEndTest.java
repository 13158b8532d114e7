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
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 items 1 and 6 end to end on a real mail server (GreenMail): mail whose From has a raw
 * 8-bit display name is answered at the whole address (it used to lose as many trailing characters
 * as the name had extra bytes), and a message with 5,000 recipients keeps them all, shown first-N
 * with totals and paged by the recipients endpoint (it used to show {@code "to": []}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddressesEndToEndTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String SUPPORT = "support@addresses.example.com";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    GreenMailUser supportBox;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.outbox.poll-interval", "100ms");
        return props;
    }

    @BeforeAll
    void touchpoint() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "addresses");
        Mailbox.touchpoint(http, t, MAIL, SUPPORT, Map.of());
        supportBox = MAIL.mailbox(SUPPORT, "pw-" + SUPPORT);
    }

    @AfterAll
    void stop() {
        MAIL.close();
    }

    static List<Arguments> senders() {
        return List.of(
                Arguments.of("raw UTF-8 Latin name", "José Müller", "jose.mueller@utf8-latin.example", StandardCharsets.UTF_8),
                Arguments.of("raw UTF-8 CJK name", "山田太郎", "yamada@utf8-cjk.example", StandardCharsets.UTF_8),
                Arguments.of("raw Latin-1 name", "José Müller", "jose.mueller@latin1.example", StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void theReplyToASenderWithARawEightBitNameGoesToTheWholeAddress(String label, String name, String address, Charset wire)
            throws Exception {
        String domain = address.substring(address.indexOf('@') + 1);
        deliverRaw(concat(("From: " + name + " <" + address + ">\r\n").getBytes(wire),
                ("To: " + SUPPORT + "\r\nSubject: Lieferung\r\nMessage-ID: <q@" + domain + ">\r\n"
                        + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=" + wire.name() + "\r\n\r\nWo ist mein Paket?\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
        String conversation = Mailbox.conversationOf(http, t, address);
        var summary = expect(http.get("/api/v1/conversations/" + conversation, t.agent()), 200).map();
        @SuppressWarnings("unchecked")
        var c = (Map<String, Object>) summary.get("conversation");
        assertThat(c.get("customerName")).isEqualTo(name);

        String marker = "Answer for " + label;
        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", marker)), 202);

        // GreenMail files mail under the envelope recipient's domain: a cut address would land elsewhere.
        MimeMessage reply = Mailbox.received(MAIL, domain, marker);
        InternetAddress to = (InternetAddress) reply.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo(address);
        assertThat(to.getPersonal()).isEqualTo(name);
    }

    @Test
    void fiveThousandRecipientsAreStoredAndServedFirstWithTotalsThenPaged() throws Exception {
        List<String> to = IntStream.range(0, 3000).mapToObj(i -> String.format("r%04d@to.example", i)).toList();
        List<String> cc = IntStream.range(0, 2000).mapToObj(i -> String.format("c%04d@cc.example", i)).toList();
        deliverRaw(("From: Big List <sender@many.example>\r\nTo: " + SUPPORT + ",\r\n " + folded(to) + "\r\nCc: " + folded(cc)
                + "\r\nSubject: Everyone\r\nMessage-ID: <many@many.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhello all\r\n").getBytes(StandardCharsets.US_ASCII));
        String conversation = Mailbox.conversationOf(http, t, "sender@many.example");

        var message = Mailbox.messages(http, t, conversation).getFirst();
        assertThat(addresses(message.get("to"))).hasSize(100).startsWith(SUPPORT, "r0000@to.example");
        assertThat(addresses(message.get("cc"))).hasSize(100).startsWith("c0000@cc.example");
        assertThat(message.get("toTotal")).isEqualTo(3001);
        assertThat(message.get("ccTotal")).isEqualTo(2000);

        String base = "/api/v1/conversations/" + conversation + "/messages/" + message.get("id") + "/recipients";
        List<String> expectedTo = new ArrayList<>(List.of(SUPPORT));
        expectedTo.addAll(to);
        assertThat(allPages(base + "?field=to&limit=1000", 3001)).containsExactlyElementsOf(expectedTo);
        assertThat(allPages(base + "?field=cc", 2000)).containsExactlyElementsOf(cc);

        expect(http.get(base + "?field=bcc", t.agent()), 400);
        expect(http.get(base + "?field=to&limit=0", t.agent()), 400);
        expect(http.get(base + "?field=to&offset=-1", t.agent()), 400);
    }

    /** Every page of the recipients endpoint, following {@code nextOffset}; each page reports the total. */
    private List<String> allPages(String path, int total) {
        List<String> all = new ArrayList<>();
        String next = path;
        while (next != null) {
            var page = expect(http.get(next, t.agent()), 200).map();
            assertThat(page.get("total")).isEqualTo(total);
            all.addAll(addresses(page.get("items")));
            Object nextOffset = page.get("nextOffset");
            next = nextOffset == null ? null : path + "&offset=" + nextOffset;
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<String> addresses(Object list) {
        return ((List<Map<String, Object>>) list).stream().map(a -> (String) a.get("address")).toList();
    }

    /** The addresses as one header value, folded every ten. */
    private static String folded(List<String> addresses) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < addresses.size(); i++) {
            out.append(i == 0 ? "" : i % 10 == 0 ? ",\r\n " : ", ").append(addresses.get(i));
        }
        return out.toString();
    }

    /** Puts the bytes into the support mailbox as they are: GreenMail keeps 8-bit header bytes. */
    private void deliverRaw(byte[] raw) throws Exception {
        supportBox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
