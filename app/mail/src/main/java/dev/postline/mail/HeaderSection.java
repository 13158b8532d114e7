package dev.postline.mail;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * The fields of one header section in order, with case-insensitive lookup of unfolded values. Values
 * are decoded from the fields' raw bytes by {@link HeaderText}'s rules, not by mime4j, which reads
 * every field as UTF-8; each on first use, so the many fields nobody reads (Received, …) cost nothing.
 * Not thread-safe: one parse owns it.
 */
final class HeaderSection {

    private final List<Field> fields;
    private final String[] values;
    private final Charset declared;
    private final Warnings warnings;

    /** A section whose message declares no charset for its text. */
    HeaderSection(List<Field> fields) {
        this(fields, null, new Warnings());
    }

    /**
     * {@code declared}: the charset the message declares for its text (null when none or unknown),
     * tried for 8-bit fields that are not UTF-8. Each field read that way is named in a warning.
     */
    HeaderSection(List<Field> fields, Charset declared, Warnings warnings) {
        this.fields = List.copyOf(fields);
        this.values = new String[this.fields.size()];
        this.declared = declared;
        this.warnings = warnings;
    }

    Optional<Field> firstField(String name) {
        return fields.stream().filter(f -> f.getName().equalsIgnoreCase(name)).findFirst();
    }

    /** The first value of {@code name}, unfolded and stripped; RFC 2047 words are NOT decoded. */
    Optional<String> first(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equalsIgnoreCase(name)) {
                return Optional.of(valueAt(i));
            }
        }
        return Optional.empty();
    }

    /** The field names in order, as written (repeated names repeat). */
    List<String> names() {
        return fields.stream().map(Field::getName).toList();
    }

    List<String> all(String name) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equalsIgnoreCase(name)) {
                found.add(valueAt(i));
            }
        }
        return found;
    }

    /**
     * The first value with RFC 2047 encoded words decoded and control characters (and the Unicode
     * line and paragraph separators) made spaces: a name or subject kept from a customer must be
     * writable again in the headers of our answer.
     */
    Optional<String> firstDecoded(String name) {
        return first(name).map(HeaderSection::decodeWords);
    }

    static String decodeWords(String value) {
        String decoded;
        try {
            decoded = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            decoded = value;
        }
        StringBuilder clean = new StringBuilder(decoded.length());
        decoded.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return clean.toString().strip();
    }

    private String valueAt(int i) {
        if (values[i] == null) {
            values[i] = value(fields.get(i), declared, warnings);
        }
        return values[i];
    }

    private static String value(Field field, Charset declared, Warnings warnings) {
        ByteSequence raw = field.getRaw();
        int colon = raw == null ? -1 : colon(raw);
        if (colon < 0) {
            return unfold(field.getBody());
        }
        byte[] bytes = new byte[raw.length() - colon - 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = raw.byteAt(colon + 1 + i);
        }
        HeaderText.Decoded decoded = HeaderText.decode(bytes, declared);
        decoded.fallback().ifPresent(charset -> warnings.add(BodyDecoder.printable(field.getName())
                + ": 8-bit text that is not UTF-8, decoded as " + charset.name()));
        return unfold(decoded.text());
    }

    private static int colon(ByteSequence raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.byteAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String unfold(String body) {
        return body == null ? "" : body.replace("\r", "").replace("\n", "").strip();
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
