package dev.postline.core.outbound;

import dev.postline.mail.CidResolver;
import dev.postline.mail.HtmlSanitizer;
import dev.postline.mail.OutboundPart;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The forwarded message inside a forward: quoted below a "Forwarded message" block (text, and
 * HTML when either side has HTML; the original's HTML sanitised, header values escaped), or the
 * original raw message as a {@code message/rfc822} attachment, byte-exact.
 */
final class ForwardContent {

    static final String MARKER = "---------- Forwarded message ---------";

    /** What the block shows of the original. {@code to} is already formatted ("a, Name <b>"). */
    record Original(String from, Instant date, String subject, String to, @Nullable String text, @Nullable String html) {}

    /** The forward's bodies: the agent's words, then the quoted original. */
    record Bodies(String text, @Nullable String html) {}

    private static final HtmlSanitizer SANITIZER = new HtmlSanitizer();

    private ForwardContent() {}

    static Bodies quoted(@Nullable String agentText, @Nullable String agentHtml, Original o) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(o.date().atOffset(ZoneOffset.UTC));
        String originalText = o.text() != null ? o.text() : o.html() != null ? textOf(o.html()) : "";
        String text = (agentText == null ? "" : agentText + "\n\n") + MARKER + "\nFrom: " + o.from() + "\nDate: " + date
                + "\nSubject: " + o.subject() + "\nTo: " + o.to() + "\n\n" + originalText;
        if (agentHtml == null && o.html() == null) {
            return new Bodies(text, null);
        }
        String mine = agentHtml != null ? agentHtml : agentText != null ? HtmlText.paragraphs(agentText) : "";
        String theirs = o.html() != null ? SANITIZER.sanitize(o.html(), CidResolver.NONE, false) : HtmlText.paragraphs(originalText);
        String html = mine + "<br><div>" + MARKER + "<br>From: " + HtmlText.escape(o.from()) + "<br>Date: " + HtmlText.escape(date)
                + "<br>Subject: " + HtmlText.escape(o.subject()) + "<br>To: " + HtmlText.escape(o.to()) + "</div><br>"
                + "<blockquote style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex\">" + theirs + "</blockquote>";
        return new Bodies(text, html);
    }

    static OutboundPart asAttachment(String subject, byte[] raw) {
        return OutboundPart.attachment(emlName(subject), "message/rfc822", raw);
    }

    /** A file name from the subject: letters, digits, spaces, dots, dashes; "forwarded-message" when nothing is left. */
    static String emlName(String subject) {
        String name = subject.replaceAll("[^\\p{L}\\p{N} ._-]", "_").replaceAll("_+", "_").strip();
        name = name.replaceAll("^[._]+", "");
        if (name.length() > 100) {
            name = name.substring(0, 100).strip();
        }
        return (name.isBlank() ? "forwarded-message" : name) + ".eml";
    }

    private static String textOf(String html) {
        return html.replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n").replaceAll("<[^>]*>", "").replace("&nbsp;", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&").strip();
    }
}
