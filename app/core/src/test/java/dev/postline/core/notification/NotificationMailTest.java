package dev.postline.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.mail.MailLimits;
import dev.postline.mail.MessageParser;
import dev.postline.mail.ParsedMessage;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue #13 item 23: the text part of an alert mail is plain text; only the HTML part is escaped. */
class NotificationMailTest {

    private final NotificationMail mail = new NotificationMail(new NotificationSettings(), new RelaySettings());

    @ParameterizedTest
    @ValueSource(strings = {"Support <help@acme.example>", "Tom & Jerry's \"desk\"", "<script>alert(1)</script>"})
    void theTextPartShowsValuesAsWrittenAndTheHtmlPartEscapesThem(String value) throws Exception {
        Notification n = new Notification(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NotificationKind.CONNECTION_LOST,
                "Connection lost: " + value, "The mailbox " + value + " stopped answering.\nWe keep trying.", "k", Instant.EPOCH, null);

        ParsedMessage parsed = new MessageParser(MailLimits.DEFAULTS).parse(
                mail.render(n, "admin@acme.example", "n-1@postline.test", Instant.EPOCH));

        assertThat(parsed.textBody()).hasValueSatisfying(text -> assertThat(text)
                .contains("Connection lost: " + value)
                .contains("The mailbox " + value + " stopped answering.\nWe keep trying.")
                .doesNotContain("&lt;").doesNotContain("&amp;").doesNotContain("&quot;").doesNotContain("&#39;"));
        assertThat(parsed.htmlBody()).hasValueSatisfying(html -> assertThat(html)
                .contains("Connection lost: " + NotificationMail.escape(value))
                .doesNotContain(value.contains("<") ? value : "\u0000"));
        assertThat(parsed.subject()).isEqualTo("[Postline] Connection lost: " + value);
    }
}
