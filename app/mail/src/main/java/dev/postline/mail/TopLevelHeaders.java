package dev.postline.mail;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;

/** Reads the message-level facts from the top header section and assembles the {@link ParsedMessage}. */
final class TopLevelHeaders {

    private TopLevelHeaders() {}

    static ParsedMessage assemble(HeaderSection h, String mimeType, PartCollector parts, Warnings warnings) {
        List<MailAddress> from = Addresses.parse(h.all("From"), "From", warnings);
        if (from.size() > 1) {
            warnings.add("From: " + from.size() + " mailboxes, the first one is used");
        }
        List<MailAddress> sender = Addresses.parse(h.first("Sender").stream().toList(), "Sender", warnings);
        return new ParsedMessage(
                h.first("Message-ID").flatMap(MessageIds::first),
                h.first("In-Reply-To").map(MessageIds::all).orElse(List.of()),
                MessageIds.all(String.join(" ", h.all("References"))),
                from.stream().findFirst(),
                sender.stream().findFirst(),
                Addresses.parse(h.all("Reply-To"), "Reply-To", warnings),
                Addresses.parse(h.all("To"), "To", warnings),
                Addresses.parse(h.all("Cc"), "Cc", warnings),
                h.firstDecoded("Subject").orElse(""),
                date(h, warnings),
                mimeType,
                parts.text(),
                parts.html(),
                parts.attachments(),
                automation(h),
                h.all("Authentication-Results"),
                parts.deliveryReport(),
                warnings.toList());
    }

    private static Optional<Instant> date(HeaderSection h, Warnings warnings) {
        return h.firstField("Date").flatMap(field -> {
            var date = DateTimeFieldLenientImpl.PARSER.parse(field, DecodeMonitor.SILENT).getDate();
            if (date == null) {
                warnings.add("Date: unparseable, ignored");
                return Optional.empty();
            }
            return Optional.of(date.toInstant());
        });
    }

    private static AutomationHeaders automation(HeaderSection h) {
        return new AutomationHeaders(
                h.first("Auto-Submitted"),
                h.first("Precedence"),
                h.first("X-Autoreply"),
                h.first("X-Autorespond"),
                h.all("X-Loop"),
                h.first("List-Id"),
                h.first("List-Unsubscribe"),
                h.first("Return-Path").map(TopLevelHeaders::returnPath),
                h.first("X-Auto-Response-Suppress"),
                h.all("X-Failed-Recipients").stream()
                        .flatMap(v -> Arrays.stream(v.split(",")))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList(),
                h.names().stream().filter(TopLevelHeaders::isListHeader).toList(),
                Addresses.onlyGroups(Stream.concat(h.all("To").stream(), h.all("Cc").stream()).toList()));
    }

    private static boolean isListHeader(String name) {
        String lower = HeaderSection.lower(name);
        return lower.startsWith("list-") || lower.startsWith("x-mailman-");
    }

    /** {@code <a@b>} → {@code a@b}; {@code <>} (the null reverse-path, spaces allowed) → empty string. */
    private static String returnPath(String value) {
        return PartCollector.stripBrackets(value.replaceAll("\\s+", ""));
    }
}
