package dev.postline.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;

/** The fields of one header section in order, with case-insensitive lookup of unfolded values. */
final class HeaderSection {

    private final List<Field> fields;

    HeaderSection(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    Optional<Field> firstField(String name) {
        return fields.stream().filter(f -> f.getName().equalsIgnoreCase(name)).findFirst();
    }

    /** The first value of {@code name}, unfolded and stripped; RFC 2047 words are NOT decoded. */
    Optional<String> first(String name) {
        return firstField(name).map(HeaderSection::value);
    }

    /** The field names in order, as written (repeated names repeat). */
    List<String> names() {
        return fields.stream().map(Field::getName).toList();
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.getName().equalsIgnoreCase(name)) {
                values.add(value(f));
            }
        }
        return values;
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

    static String value(Field field) {
        String body = field.getBody();
        return body == null ? "" : body.replace("\r", "").replace("\n", "").strip();
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
