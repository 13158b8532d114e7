package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageParser#parseMeasuringFiles}: the same message as {@link MessageParser#parse} — bodies,
 * headers, report — with each file's decoded size read without decoding it, and no file content.
 */
class MeasuredFilesTest {

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);

    @Test
    void everyCorpusMessageHasTheSameBodiesAndFileSizesMeasuredAsDecoded() throws Exception {
        for (String name : List.of("01-plain.eml", "02-html.eml", "03-alternative.eml", "04-inline-image.eml", "05-attachments.eml",
                "06-latin1.eml", "07-shift-jis.eml", "08-rfc2047.eml", "12-no-message-id.eml", "13-rfc2231-attachment.eml",
                "14-dsn-bounce.eml")) {
            byte[] raw = corpus(name);
            ParsedMessage decoded = parser.parse(raw);
            ParsedMessage measured = parser.parseMeasuringFiles(raw);
            assertThat(measured.textBody()).as(name + " text").isEqualTo(decoded.textBody());
            assertThat(measured.htmlBody()).as(name + " html").isEqualTo(decoded.htmlBody());
            assertThat(measured.deliveryReport()).as(name + " report").isEqualTo(decoded.deliveryReport());
            assertThat(measured.attachments()).as(name + " files").hasSameSizeAs(decoded.attachments());
            for (int i = 0; i < decoded.attachments().size(); i++) {
                Attachment d = decoded.attachments().get(i);
                Attachment m = measured.attachments().get(i);
                assertThat(m.fileName()).as(name + " #" + i).isEqualTo(d.fileName());
                assertThat(m.size()).as(name + " " + d.fileName() + " size").isEqualTo(d.content().length);
            }
        }
    }

    @Test
    void base64FilesOfEveryLengthAreMeasuredExactly() throws Exception {
        Random random = new Random(14);
        for (int length = 0; length <= 400; length++) {
            byte[] file = new byte[length];
            random.nextBytes(file);
            String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file);
            byte[] raw = ("From: a@example.org\r\nTo: b@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                    + "--b\r\nContent-Type: application/octet-stream; name=\"f.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + b64 + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
            Attachment measured = parser.parseMeasuringFiles(raw).attachments().get(0);
            assertThat(measured.size()).as("length " + length).isEqualTo(length);
            assertThat(measured.content()).isEmpty();
            assertThat(parser.parse(raw).attachments().get(0).content()).isEqualTo(file);
        }
    }

    private static byte[] corpus(String name) throws Exception {
        try (InputStream in = MeasuredFilesTest.class.getResourceAsStream("/corpus/" + name)) {
            return in.readAllBytes();
        }
    }
}
