package dev.postline.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Ingestion step 2: turns raw RFC 5322 bytes into a {@link ParsedMessage}.
 *
 * <p>Obligations: lenient about what real mail gets wrong (unknown charsets, broken base64, junk
 * addresses, missing Message-ID): those are repaired and reported in
 * {@link ParsedMessage#warnings()}, never thrown. It throws {@link UnparseableMessageException} only
 * when the structure cannot be read at all, or when the message exceeds the {@link MailLimits} it
 * was built with: callers run {@link MimeLimits#check} first, but the parser enforces the same
 * limits itself so it is safe on its own. One streaming pass, no DOM; embedded
 * {@code message/rfc822} parts are kept as attachments, not parsed. Thread-safe.
 */
public final class MessageParser {

    private final MailLimits limits;

    public MessageParser(MailLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ParsedMessage parse(byte[] raw) throws UnparseableMessageException {
        return parse(raw, true);
    }

    /**
     * As {@link #parse}, but files (attachments that are neither a text body nor part of a delivery report)
     * are only measured: their {@link Attachment#content()} is empty and {@link Attachment#size()} their
     * decoded size, read without decoding them. For ingestion, which keeps the raw message and decodes a file
     * when someone asks for it: decoding every attachment of every message was the largest CPU item of an import.
     */
    public ParsedMessage parseMeasuringFiles(byte[] raw) throws UnparseableMessageException {
        return parse(raw, false);
    }

    private ParsedMessage parse(byte[] raw, boolean keepFiles) throws UnparseableMessageException {
        Optional<LimitViolation> tooBig = LimitTracker.checkTotalSize(raw.length, limits);
        if (tooBig.isPresent()) {
            throw new UnparseableMessageException(tooBig.get().reason());
        }
        Warnings warnings = new Warnings();
        DecodeProblems problems = new DecodeProblems();
        PartCollector parts = new PartCollector(warnings);
        MimeTokenStream stream = new MimeTokenStream(LimitTracker.mimeConfig(limits), problems,
                new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), problems));
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(raw));
        LimitTracker tracker = new LimitTracker(limits);
        List<Field> fields = new ArrayList<>();
        List<Field> topFields = null;
        String topMimeType = null;
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                Optional<LimitViolation> violation = tracker.on(state, stream);
                if (violation.isPresent()) {
                    throw new UnparseableMessageException(violation.get().reason());
                }
                switch (state) {
                    case T_START_HEADER -> fields = new ArrayList<>();
                    case T_FIELD -> fields.add(stream.getField());
                    case T_END_HEADER -> {
                        if (topFields == null) {
                            topFields = fields;
                        }
                        problems.drain().ifPresent(p -> warnings.add("malformed header: " + BodyDecoder.printable(p)));
                    }
                    case T_START_MULTIPART -> {
                        if (topMimeType == null) {
                            topMimeType = HeaderSection.lower(stream.getBodyDescriptor().getMimeType());
                        }
                    }
                    case T_BODY -> {
                        if (topMimeType == null) {
                            topMimeType = HeaderSection.lower(stream.getBodyDescriptor().getMimeType());
                        }
                        MaximalBodyDescriptor part = (MaximalBodyDescriptor) stream.getBodyDescriptor();
                        if (keepFiles || parts.needsContent(part)) {
                            byte[] content = stream.getDecodedInputStream().readAllBytes();
                            parts.accept(part, content, problems.drain());
                        } else {
                            long size = DecodedSize.of(part.getTransferEncoding(), stream.getInputStream(), stream.getDecodedInputStream());
                            parts.acceptMeasured(part, size, problems.drain());
                        }
                    }
                    default -> { }
                }
            }
        } catch (MimeException | IOException | RuntimeException e) {
            // A RuntimeException from deep inside mime4j on hostile input must end in quarantine
            // with a reason, not kill the sync loop that called us.
            Optional<LimitViolation> violation = LimitTracker.fromException(e, limits);
            throw new UnparseableMessageException(violation.map(LimitViolation::reason)
                    .orElse("unreadable MIME structure (" + e.getClass().getSimpleName() + ")"), e);
        }
        if (topFields == null) {
            throw new UnparseableMessageException("no header section");
        }
        // Decoded only now: an 8-bit header that is not UTF-8 is read in the charset the text declares.
        Charset declared = parts.declaredTextCharset().map(BodyDecoder::lookup).orElse(null);
        HeaderSection top = new HeaderSection(topFields, declared, warnings);
        return TopLevelHeaders.assemble(top, topMimeType == null ? "text/plain" : topMimeType, parts, warnings);
    }
}
