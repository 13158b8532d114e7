package dev.postline.core.ingest;

import dev.postline.core.conversation.MessageFlag;
import dev.postline.mail.AutomatedMailClassifier;
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

    private final MimeLimits limits;
    private final MessageParser parser;
    private final AutomatedMailClassifier classifier = new AutomatedMailClassifier();

    public MailParsing(IngestSettings settings) {
        this.limits = new MimeLimits(settings.limits());
        this.parser = new MessageParser(settings.limits());
    }

    public Result parse(byte[] raw) {
        Optional<LimitViolation> violation = limits.check(raw);
        if (violation.isPresent()) {
            return new Result(null, violation.get().reason());
        }
        ParsedMessage parsed;
        try {
            parsed = parser.parse(raw);
        } catch (UnparseableMessageException e) {
            return new Result(null, "unparseable: " + e.getMessage());
        }
        if (parsed.from().isEmpty()) {
            return new Result(null, "no usable From address");
        }
        return new Result(translate(parsed), null);
    }

    private IncomingMail translate(ParsedMessage p) {
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
                .map(a -> new IncomingMail.Part(a.fileName(), a.contentType(), a.content(), a.contentId().orElse(null), a.inline()))
                .toList();
        return new IncomingMail(p.messageId().orElse(null), p.inReplyTo(), p.references(), address(p.from().get()),
                p.to().stream().map(MailParsing::address).toList(), p.cc().stream().map(MailParsing::address).toList(),
                p.subject(), p.date().orElse(null), p.textBody().orElse(null), p.htmlBody().orElse(null), parts, flags,
                p.deliveryReport().flatMap(r -> r.originalMessageId()).orElse(null));
    }

    private static IncomingMail.Address address(MailAddress a) {
        return new IncomingMail.Address(a.address(), a.displayName() == null ? "" : a.displayName());
    }
}
