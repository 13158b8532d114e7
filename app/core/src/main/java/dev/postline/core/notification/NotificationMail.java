package dev.postline.core.notification;

import dev.postline.mail.InvalidOutboundException;
import dev.postline.mail.MailAddress;
import dev.postline.mail.OutboundDraft;
import dev.postline.mail.OutboundMessageBuilder;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders one notification mail: text and HTML parts with a link to the touchpoint's admin page,
 * marked {@code Auto-Submitted: auto-generated} so that mailboxes and auto-responders do not
 * answer it. Title and detail carry tenant-supplied values (touchpoint names, addresses, error
 * texts): written as they are in the text part (a text part shows entities literally) and
 * HTML-escaped in the HTML part; they never carry secrets (see ConnectionStates).
 */
@Singleton
public class NotificationMail {

    private final OutboundMessageBuilder builder = new OutboundMessageBuilder();
    private final NotificationSettings settings;
    private final RelaySettings relaySettings;

    public NotificationMail(NotificationSettings settings, RelaySettings relaySettings) {
        this.settings = settings;
        this.relaySettings = relaySettings;
    }

    public byte[] render(Notification n, String recipient, String messageId, Instant date) throws InvalidOutboundException {
        String link = settings.getAdminBaseUrl() + "/admin/touchpoints/" + n.touchpointId();
        String title = escape(n.title());
        String detail = escape(n.detail());
        String text = plain(n.title()) + "\n\n" + plain(n.detail()) + "\n\nOpen the touchpoint: " + link
                + "\n\n-- \nPostline notifies every admin of your organisation. This message was sent automatically.\n";
        String html = "<!DOCTYPE html><html><body><h2>" + title + "</h2><p>" + detail.replace("\n", "<br>") + "</p>"
                + "<p><a href=\"" + escape(link) + "\">Open the touchpoint</a></p>"
                + "<p style=\"color:#666\">Postline notifies every admin of your organisation. This message was sent automatically.</p>"
                + "</body></html>";
        OutboundDraft draft = new OutboundDraft(new MailAddress(relaySettings.getFrom(), "Postline"),
                List.of(new MailAddress(recipient, "")), List.of(), List.of(), Optional.empty(),
                "[Postline] " + singleLine(n.title()), messageId, Optional.empty(), List.of(), Optional.of(text),
                Optional.of(html), List.of(), List.of(),
                Map.of("Auto-Submitted", "auto-generated", "X-Auto-Response-Suppress", "All"), date);
        return builder.build(draft);
    }

    /** Escapes text for the HTML part. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text as written, line breaks kept, other control characters made spaces. */
    private static String plain(String text) {
        return text.replace("\r\n", "\n").replaceAll("[\\p{Cntrl}&&[^\n\t]]", " ");
    }

    private static String singleLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
