package dev.postline.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The top-level header block of an outbound message, every value checked by {@link OutboundChecks}. */
final class OutboundHeaders {

    /** Header names (lower case) the builder writes itself; extra headers may not use them. */
    static final Set<String> OWN = Set.of("date", "from", "sender", "reply-to", "to", "cc", "bcc", "subject",
            "message-id", "in-reply-to", "references", "mime-version");

    static final int MAX_REFERENCES = 20;
    static final int MAX_REFERENCES_CHARS = 900;

    private OutboundHeaders() {}

    static String of(OutboundDraft d) throws InvalidOutboundException {
        StringBuilder h = new StringBuilder(1024);
        h.append(HeaderEncoding.field("Date", HeaderEncoding.date(d.date()), "date"));
        h.append(HeaderEncoding.field("From", mailbox("from", d.from()), "from"));
        if (d.replyTo().isPresent()) {
            h.append(HeaderEncoding.field("Reply-To", mailbox("replyTo", d.replyTo().get()), "replyTo"));
        }
        addresses(h, "To", "to", d.to());
        addresses(h, "Cc", "cc", d.cc());
        for (int i = 0; i < d.bcc().size(); i++) {
            mailbox("bcc[" + i + "]", d.bcc().get(i)); // checked, never written
        }
        if (d.to().isEmpty() && d.cc().isEmpty() && d.bcc().isEmpty()) {
            throw new InvalidOutboundException("to", "at least one recipient is required");
        }
        OutboundChecks.noControls("subject", "subject", d.subject());
        h.append(HeaderEncoding.field("Subject", HeaderEncoding.text(d.subject()), "subject"));
        OutboundChecks.id("messageId", d.messageId(), true);
        h.append("Message-ID: <").append(d.messageId()).append(">\r\n");
        if (d.inReplyTo().isPresent()) {
            OutboundChecks.id("inReplyTo", d.inReplyTo().get(), false);
            h.append("In-Reply-To: <").append(d.inReplyTo().get()).append(">\r\n");
        }
        for (int i = 0; i < d.references().size(); i++) {
            OutboundChecks.id("references[" + i + "]", d.references().get(i), false);
        }
        List<String> references = new ArrayList<>(d.references());
        d.inReplyTo().filter(id -> !references.contains(id)).ifPresent(references::add);
        List<String> kept = trimReferences(references, MAX_REFERENCES, MAX_REFERENCES_CHARS);
        if (!kept.isEmpty()) {
            h.append(HeaderEncoding.field("References", String.join(" ", kept.stream().map(id -> "<" + id + ">").toList()), "references"));
        }
        h.append("MIME-Version: 1.0\r\n");
        Set<String> extraNames = new HashSet<>();
        for (Map.Entry<String, String> e : d.extraHeaders().entrySet()) {
            String field = "extraHeaders[" + printable(e.getKey()) + "]";
            OutboundChecks.extraHeader(field, e.getKey(), e.getValue());
            if (!extraNames.add(e.getKey().toLowerCase(Locale.ROOT))) {
                throw new InvalidOutboundException(field, "header given twice");
            }
            h.append(HeaderEncoding.field(e.getKey(), e.getValue().strip(), field));
        }
        return h.toString();
    }

    /**
     * Ids without duplicates, at most {@code maxIds} and about {@code maxChars} characters as
     * written ({@code <id>} plus a space each), keeping the first (the thread's root) and as many
     * of the newest as fit; the first and last are kept even when they alone exceed the budget.
     */
    static List<String> trimReferences(List<String> ids, int maxIds, int maxChars) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        if (unique.size() <= 2) {
            return unique;
        }
        String first = unique.get(0);
        int used = first.length() + 2;
        List<String> newest = new ArrayList<>();
        for (int i = unique.size() - 1; i > 0; i--) {
            String id = unique.get(i);
            int cost = id.length() + 3;
            boolean isLast = i == unique.size() - 1;
            if (!isLast && (newest.size() + 2 > maxIds || used + cost > maxChars)) {
                break;
            }
            newest.add(0, id);
            used += cost;
        }
        newest.add(0, first);
        return newest;
    }

    private static String mailbox(String field, MailAddress address) throws InvalidOutboundException {
        return HeaderEncoding.mailbox(address.displayName(), OutboundChecks.mailbox(field, address));
    }

    private static void addresses(StringBuilder h, String name, String field, List<MailAddress> list) throws InvalidOutboundException {
        if (list.isEmpty()) {
            return;
        }
        List<String> formatted = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            formatted.add(mailbox(field + "[" + i + "]", list.get(i)));
        }
        h.append(HeaderEncoding.field(name, String.join(", ", formatted), field));
    }

    /** A header name as it may appear in an error: printable ASCII only, bounded. */
    private static String printable(String name) {
        String safe = name.replaceAll("[^\\x21-\\x7e]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
    }
}
