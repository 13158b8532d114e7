package dev.postline.server.compose;

import static dev.postline.server.support.TenantFixture.expect;

import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.TenantFixture;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Test helpers around GreenMail for the compose tests: touchpoints on it, conversations from it, mail read back with Angus (an independent parser). */
final class Mailbox {

    private Mailbox() {}

    /** A touchpoint (BOTH, linked to the fixture's group) on a GreenMail mailbox, connected; extra settings added. */
    static String touchpoint(Http http, TenantFixture t, MailboxServer mail, String address, Map<String, String> extraSettings) {
        mail.mailbox(address, "pw-" + address);
        Map<String, String> settings = mail.touchpointSettings(address);
        settings.putAll(extraSettings);
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Support " + address,
                "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()), "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "pw-" + address)), 204);
        Eventually.await(address + " to connect", Duration.ofSeconds(30),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState")));
        return id;
    }

    /** The conversation of a customer, once their mail has been synced. */
    @SuppressWarnings("unchecked")
    static String conversationOf(Http http, TenantFixture t, String customer) {
        return Eventually.await("the conversation of " + customer, Duration.ofSeconds(30), () -> {
            var items = (List<Map<String, Object>>) http.get("/api/v1/conversations?limit=200", t.admin()).map().get("items");
            return items.stream().filter(c -> customer.equals(c.get("customerAddress"))).findFirst().map(c -> c.get("id").toString())
                    .orElse(null);
        });
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(Http http, TenantFixture t, String conversation) {
        return (List<Map<String, Object>>) expect(http.get("/api/v1/conversations/" + conversation, t.admin()), 200).map().get("messages");
    }

    /** The first mail delivered to {@code domain} whose raw text contains {@code marker}. */
    static MimeMessage received(MailboxServer mail, String domain, String marker) {
        String raw = Eventually.await("mail to " + domain + " containing " + marker, Duration.ofSeconds(30),
                () -> mail.receivedFor(domain).stream().filter(m -> m.contains(marker)).findFirst().orElse(null));
        return parse(raw);
    }

    static long countReceived(MailboxServer mail, String domain, String marker) {
        return mail.receivedFor(domain).stream().filter(m -> m.contains(marker)).count();
    }

    static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first part (depth-first) with this file name. */
    static Optional<Part> file(Part part, String fileName) throws Exception {
        if (fileName.equals(part.getFileName())) {
            return Optional.of(part);
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<Part> found = file(child, fileName);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Every text of the message (text/plain and text/html parts), concatenated. */
    static String texts(Part part) throws Exception {
        if (part.isMimeType("text/*") && part.getFileName() == null) {
            return part.getContent().toString();
        }
        StringBuilder all = new StringBuilder();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(texts(multipart.getBodyPart(i))).append('\n');
            }
        }
        return all.toString();
    }

    static String header(MimeMessage m, String name) throws Exception {
        String[] values = m.getHeader(name);
        return values == null ? null : values[0];
    }

    static String customerMail(String from, String to, String messageId, String subject, String body, List<String> extra) {
        return MailboxServer.customerMail(from, to, messageId, subject, body, extra);
    }
}
