package dev.postline.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.ContentUtil;

/**
 * Turns address header values into {@link MailAddress}es. Groups are flattened. Anything that is
 * not {@code local@domain} is left out and counted in a warning, because a half-parsed address
 * must never become a reply target.
 */
final class Addresses {

    // Unicode letters allowed for IDN domains; an address literal such as [192.0.2.1] is allowed too.
    private static final Pattern DOMAIN = Pattern.compile("(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)*"
            + "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?|\\[[0-9A-Fa-f:.]+]|\\[IPv6:[0-9A-Fa-f:.]+]");

    private Addresses() {}

    static List<MailAddress> parse(List<String> values, String headerName, Warnings warnings) {
        List<MailAddress> result = new ArrayList<>();
        int invalid = 0;
        for (String value : values) {
            // Not parseAddressList(CharSequence): mime4j parses the UTF-8 bytes of the text but stops
            // after as many bytes as the text has characters, cutting the address behind a non-ASCII
            // name short (issue #13: "José Müller <jose.mueller@example.com>" → "jose.mueller@example.co").
            ByteSequence bytes = ContentUtil.encode(StandardCharsets.UTF_8, value);
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(bytes, new ParserCursor(0, bytes.length()));
            for (Mailbox mailbox : list.flatten()) {
                MailAddress address = toAddress(mailbox);
                if (address == null) {
                    invalid++;
                } else {
                    result.add(address);
                }
            }
        }
        if (invalid > 0) {
            warnings.add(headerName + ": " + invalid + " invalid address" + (invalid == 1 ? "" : "es") + " ignored");
        }
        return result;
    }

    /**
     * True when the values name at least one group and no mailbox at all, in a group or outside one
     * ({@code IETF-Announce:;}): the real recipients are hidden, as lists and mass mailings do.
     */
    static boolean onlyGroups(List<String> values) {
        boolean group = false;
        for (String value : values) {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            if (!list.flatten().isEmpty()) {
                return false;
            }
            group |= list.stream().anyMatch(Group.class::isInstance);
        }
        return group;
    }

    private static MailAddress toAddress(Mailbox mailbox) {
        String local = mailbox.getLocalPart();
        String domain = mailbox.getDomain();
        if (local == null || domain == null || local.isBlank() || local.length() > 64 || domain.length() > 255) {
            return null;
        }
        if (local.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '@' || c == ',')
                || !DOMAIN.matcher(domain).matches()) {
            return null;
        }
        String name = mailbox.getName() == null ? "" : HeaderSection.decodeWords(mailbox.getName());
        return new MailAddress(local + "@" + domain.toLowerCase(Locale.ROOT), name);
    }
}
