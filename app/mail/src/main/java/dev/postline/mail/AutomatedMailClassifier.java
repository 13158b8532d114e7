package dev.postline.mail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Ingestion step 5: recognises automated mail, bounces, list traffic and loops (RFC 3834 and common
 * practice), so that the pipeline never auto-replies to them and links bounces to what they report.
 *
 * <p>Obligations: every signal of the step 5 raises a flag: {@code Auto-Submitted} other than
 * {@code no}; {@code X-Autoreply}/{@code X-Autorespond}; {@code Precedence: bulk|list|junk|auto_reply};
 * {@code X-Loop}; {@code multipart/report}; an empty {@code Return-Path}; a sender of
 * {@code mailer-daemon} or {@code postmaster}; a sender among the tenant's own addresses. It also
 * honours {@code X-Failed-Recipients} and {@code X-Auto-Response-Suppress} asking for no
 * auto-replies. List traffic is recognised by any of: a {@code List-*} or {@code X-Mailman-*}
 * header, {@code Precedence: list|bulk|junk}, a list robot's address ({@code -request},
 * {@code -owner}, {@code -bounces}, {@code owner-}) in From, Sender or Return-Path, and recipients
 * that are only groups ({@code IETF-Announce:;}). Pure and thread-safe.
 */
public final class AutomatedMailClassifier {

    private static final Set<String> LIST_PRECEDENCE = Set.of("list", "bulk", "junk");
    private static final Set<String> DAEMON_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster");
    // Mailman, Sympa, majordomo and ezmlm robots; VERP bounces carry "+recipient" after the suffix.
    private static final List<String> LIST_ROBOT_SUFFIXES = List.of("-request", "-owner", "-bounces");

    /**
     * @param tenantOwnAddresses the addresses of the tenant's touchpoints; compared case-insensitively
     */
    public MailClassification classify(ParsedMessage message, Set<String> tenantOwnAddresses) {
        Set<MailFlag> flags = EnumSet.noneOf(MailFlag.class);
        List<String> reasons = new ArrayList<>();
        AutomationHeaders h = message.automation();

        h.autoSubmitted().filter(v -> !lower(v).split("[\\s;(]", 2)[0].equals("no")).ifPresent(v -> flag(flags, reasons, MailFlag.AUTO_SUBMITTED, "Auto-Submitted: " + v));
        h.xAutoreply().ifPresent(v -> flag(flags, reasons, MailFlag.AUTO_SUBMITTED, "X-Autoreply present"));
        h.xAutorespond().ifPresent(v -> flag(flags, reasons, MailFlag.AUTO_SUBMITTED, "X-Autorespond present"));
        h.precedence().map(AutomatedMailClassifier::lower).ifPresent(p -> {
            if (LIST_PRECEDENCE.contains(p)) {
                flag(flags, reasons, MailFlag.LIST, "Precedence: " + p);
            } else if (p.equals("auto_reply")) {
                flag(flags, reasons, MailFlag.AUTO_SUBMITTED, "Precedence: " + p);
            }
        });
        h.autoResponseSuppress().map(AutomatedMailClassifier::lower)
                .filter(v -> v.contains("all") || v.contains("autoreply") || v.contains("oof"))
                .ifPresent(v -> flag(flags, reasons, MailFlag.AUTO_SUBMITTED, "X-Auto-Response-Suppress: " + v));
        if (h.returnPathEmpty()) {
            flag(flags, reasons, MailFlag.AUTO_SUBMITTED, "empty Return-Path <>");
        }
        if (!h.xLoop().isEmpty()) {
            flag(flags, reasons, MailFlag.LOOP, "X-Loop: " + String.join(", ", h.xLoop()));
        }
        h.listHeaders().stream().findFirst().ifPresent(name -> flag(flags, reasons, MailFlag.LIST, name + " present"));
        if (h.groupOnlyRecipients()) {
            flag(flags, reasons, MailFlag.LIST, "addressed only to a group");
        }
        senders(message).filter(AutomatedMailClassifier::isListRobot).findFirst()
                .ifPresent(address -> flag(flags, reasons, MailFlag.LIST, "sent by the list robot " + address));

        if (message.deliveryReport().isPresent()) {
            flag(flags, reasons, MailFlag.BOUNCE, "delivery status report");
        } else if (message.mimeType().equals("multipart/report")) {
            // Read receipts and abuse reports are machine-made too, but not bounces.
            flag(flags, reasons, MailFlag.AUTO_SUBMITTED, "multipart/report");
        }
        if (!h.failedRecipients().isEmpty()) {
            flag(flags, reasons, MailFlag.BOUNCE, "X-Failed-Recipients present");
        }
        Stream.concat(message.from().stream(), message.sender().stream()).map(MailAddress::localPart)
                .map(AutomatedMailClassifier::lower).filter(DAEMON_LOCAL_PARTS::contains).findFirst()
                .ifPresent(local -> flag(flags, reasons, MailFlag.BOUNCE, "sent by " + local));
        Optional<String> own = message.from().map(MailAddress::address).map(AutomatedMailClassifier::lower)
                .filter(lowerCased(tenantOwnAddresses)::contains);
        own.ifPresent(address -> flag(flags, reasons, MailFlag.OWN_ADDRESS, "sent from own address " + address));
        return new MailClassification(flags, reasons);
    }

    /** From, Sender and the envelope Return-Path, lower-cased: any of them may be a list's robot. */
    private static Stream<String> senders(ParsedMessage message) {
        return Stream.of(message.from().map(MailAddress::address), message.sender().map(MailAddress::address),
                        message.automation().returnPath())
                .flatMap(Optional::stream).filter(a -> !a.isEmpty()).map(AutomatedMailClassifier::lower);
    }

    private static boolean isListRobot(String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        int plus = local.indexOf('+');
        String base = plus < 0 ? local : local.substring(0, plus);
        return base.startsWith("owner-") || LIST_ROBOT_SUFFIXES.stream().anyMatch(base::endsWith);
    }

    private static void flag(Set<MailFlag> flags, List<String> reasons, MailFlag flag, String reason) {
        flags.add(flag);
        reasons.add(BodyDecoder.printable(reason));
    }

    private static Set<String> lowerCased(Set<String> addresses) {
        return addresses.stream().map(AutomatedMailClassifier::lower).collect(Collectors.toSet());
    }

    private static String lower(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
