package dev.postline.core.ingest;

import dev.postline.core.conversation.MessageFlag;
import dev.postline.mail.AuthenticationResults;
import dev.postline.mail.AutomatedMailClassifier;
import dev.postline.mail.CustomerAddress;
import dev.postline.mail.LimitViolation;
import dev.postline.mail.MailAddress;
import dev.postline.mail.MailClassification;
import dev.postline.mail.MessageParser;
import dev.postline.mail.MimeLimits;
import dev.postline.mail.ParsedMessage;
import dev.postline.mail.UnparseableMessageException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Steps 1, 2 and 5 of the pipeline — limits, parse, automated-mail flags — done by the framework-
 * free {@code postline-mail} module and translated into the core's {@link IncomingMail}. The only
 * class of the core that knows that module's parsing types.
 */
@Singleton
public class MailParsing {

    /** Either a parsed message or the reason it must be quarantined. */
    public record Result(@Nullable IncomingMail mail, @Nullable String failure) {}

    /** The quarantine reason of mail nobody can be answered at; an admin may release it with an address. */
    public static final String NO_SENDER = "no usable sender address (From, Sender, Reply-To and Return-Path are missing or invalid)";
    /** True for {@link #NO_SENDER}, and for the reason such mail was quarantined with before the fallbacks existed. */
    public static boolean isNoSender(String reason) {
        return reason.equals(NO_SENDER) || reason.equals("no usable From address");
    }

    /** {@link IncomingMail#fromSource()} of mail released from quarantine with an admin's address. */
    public static final String ADMIN_SOURCE = "ADMIN";

    private final MimeLimits limits;
    private final MessageParser parser;
    private final AutomatedMailClassifier classifier = new AutomatedMailClassifier();

    public MailParsing(IngestSettings settings) {
        this.limits = new MimeLimits(settings.limits());
        this.parser = new MessageParser(settings.limits());
    }

    public Result parse(byte[] raw) {
        return parse(raw, null);
    }

    /**
     * @param adminAddress the customer address an admin supplied for mail without a usable sender
     *     (already validated); used only when no header supplies one
     */
    public Result parse(byte[] raw, @Nullable String adminAddress) {
        Optional<LimitViolation> violation = limits.check(raw);
        if (violation.isPresent()) {
            return new Result(null, violation.get().reason());
        }
        ParsedMessage parsed;
        try {
            // Files measured, not decoded: the raw message is what is stored (AttachmentContent decodes on demand).
            parsed = parser.parseMeasuringFiles(raw);
        } catch (UnparseableMessageException e) {
            return new Result(null, "unparseable: " + e.getMessage());
        }
        Optional<CustomerAddress> customer = CustomerAddress.of(parsed);
        if (customer.isPresent()) {
            return new Result(translate(parsed, address(customer.get().address()), customer.get().source().name()), null);
        }
        if (adminAddress == null) {
            return new Result(null, NO_SENDER);
        }
        return new Result(translate(parsed, new IncomingMail.Address(adminAddress, ""), ADMIN_SOURCE), null);
    }

    /**
     * True when a header of the message supplies a customer address (no admin address is needed).
     * Reads the top header section only, so a message over a body limit still answers.
     */
    public boolean hasSender(byte[] raw) {
        try {
            return CustomerAddress.of(parser.parse(headerSection(raw))).isPresent();
        } catch (UnparseableMessageException e) {
            return false;
        }
    }

    /**
     * The decoded bytes of the {@code index}-th attachment of a stored message — the order
     * {@link IncomingMail#attachments()} had when it was ingested (same parser, same bytes). No limit
     * check: the message passed it when it was stored, and a limit lowered since must not hide its files.
     */
    public byte[] attachmentBytes(byte[] raw, int index) {
        try {
            var attachments = parser.parse(raw).attachments();
            if (index < 0 || index >= attachments.size()) {
                throw new IllegalStateException("the stored message has no attachment " + index);
            }
            return attachments.get(index).content();
        } catch (UnparseableMessageException e) {
            throw new IllegalStateException("a stored message no longer parses: " + e.getMessage(), e);
        }
    }

    private static byte[] headerSection(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n')) {
                return java.util.Arrays.copyOf(raw, i + 1);
            }
        }
        return raw;
    }

    private IncomingMail translate(ParsedMessage p, IncomingMail.Address customer, String source) {
        MailClassification classification = classifier.classify(p, Set.of());
        Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
        for (var flag : classification.flags()) {
            switch (flag) {
                case AUTO_SUBMITTED -> flags.add(MessageFlag.AUTO_SUBMITTED);
                case BOUNCE -> flags.add(MessageFlag.BOUNCE);
                case LIST -> flags.add(MessageFlag.LIST);
                case LOOP -> flags.add(MessageFlag.LOOP);
                case OWN_ADDRESS -> flags.add(MessageFlag.OWN_ADDRESS);
            }
        }
        List<IncomingMail.Part> parts = p.attachments().stream()
                .map(a -> new IncomingMail.Part(a.fileName(), a.contentType(), a.size(), a.contentId().orElse(null), a.inline()))
                .toList();
        List<IncomingMail.AuthResult> authentication = p.authenticationResults().stream()
                .map(v -> new IncomingMail.AuthResult(AuthenticationResults.authservId(v).orElse(""), v))
                .toList();
        return new IncomingMail(p.messageId().orElse(null), p.inReplyTo(), p.references(), customer, source,
                p.to().stream().map(MailParsing::address).toList(), p.cc().stream().map(MailParsing::address).toList(),
                p.subject(), p.date().orElse(null), p.textBody().orElse(null), p.htmlBody().orElse(null), parts, flags,
                p.deliveryReport().flatMap(r -> r.originalMessageId()).orElse(null), authentication);
    }

    private static IncomingMail.Address address(MailAddress a) {
        return new IncomingMail.Address(a.address(), a.displayName() == null ? "" : a.displayName());
    }
}
