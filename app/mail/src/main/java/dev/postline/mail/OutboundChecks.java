package dev.postline.mail;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Header safety for outbound mail: every value that ends up in a header is checked here before
 * anything is written. Reasons never quote the rejected value (it may be an injection attempt).
 */
final class OutboundChecks {

    /** Longest id we accept; keeps {@code " <id>"} well inside one 998-octet line. */
    static final int MAX_ID_LENGTH = 250;

    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+");
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");

    private OutboundChecks() {}

    /** Rejects CR, LF, every other C0/C1 control, DEL and the Unicode line/paragraph separators. */
    static void noControls(String field, String what, String value) throws InvalidOutboundException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidOutboundException(field, what + " contains a line break or control character");
            }
        }
    }

    /** Checks the display name and the address; returns the address with an ASCII (IDNA) domain. */
    static String mailbox(String field, MailAddress mailbox) throws InvalidOutboundException {
        noControls(field, "display name", mailbox.displayName());
        noControls(field, "address", mailbox.address());
        String local = mailbox.localPart();
        if (local.length() > 64 || !DOT_ATOM.matcher(local).matches()) {
            throw new InvalidOutboundException(field, "not a valid email address (local part)");
        }
        String domain;
        try {
            domain = IDN.toASCII(mailbox.domain(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidOutboundException(field, "not a valid email address (domain)");
        }
        if (domain.isEmpty() || domain.length() > 253 || !domain.chars().allMatch(c -> c < 0x80)) {
            throw new InvalidOutboundException(field, "not a valid email address (domain)");
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LDH_LABEL.matcher(label).matches()) {
                throw new InvalidOutboundException(field, "not a valid email address (domain)");
            }
        }
        String address = local + "@" + domain;
        if (address.length() > 254) {
            throw new InvalidOutboundException(field, "email address longer than 254 characters");
        }
        return address;
    }

    /** A msg-id or content-id without brackets: printable ASCII, no spaces, quotes or brackets. */
    static void id(String field, String id, boolean requireAt) throws InvalidOutboundException {
        noControls(field, "id", id);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidOutboundException(field, "id must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (!id.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '<' && c != '>' && c != '"' && c != '\\')) {
            throw new InvalidOutboundException(field, "id may contain only printable ASCII without spaces, quotes or angle brackets");
        }
        if (requireAt && id.indexOf('@') < 1) {
            throw new InvalidOutboundException(field, "id must look like left@right");
        }
    }

    /** Returns the lower-cased {@code type/subtype}. */
    static String contentType(String field, String contentType) throws InvalidOutboundException {
        noControls(field, "content type", contentType);
        String[] parts = contentType.strip().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length != 2 || !TOKEN.matcher(parts[0]).matches() || !TOKEN.matcher(parts[1]).matches()
                || parts[0].equals("multipart")) {
            throw new InvalidOutboundException(field, "content type must be type/subtype without parameters");
        }
        return parts[0] + "/" + parts[1];
    }

    /** No controls, no bidi overrides (a fake {@code gpj.exe}), no path separators, not blank. */
    static void fileName(String field, String name) throws InvalidOutboundException {
        noControls(field, "file name", name);
        if (name.isBlank() || name.length() > 255) {
            throw new InvalidOutboundException(field, "file name must have 1 to 255 characters");
        }
        if (name.chars().anyMatch(c -> c == '/' || c == '\\' || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069)) {
            throw new InvalidOutboundException(field, "file name contains a path separator or bidi control character");
        }
    }

    /** An RFC 5322 field name that does not replace a header the builder writes itself. */
    static void extraHeader(String field, String name, String value) throws InvalidOutboundException {
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new InvalidOutboundException(field, "header name must be printable ASCII without spaces or colons");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (OutboundHeaders.OWN.contains(lower) || lower.startsWith("content-")) {
            throw new InvalidOutboundException(field, "header is written by the builder and cannot be given as an extra header");
        }
        noControls(field, "header value", value);
        if (!value.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
            throw new InvalidOutboundException(field, "header value must be printable ASCII");
        }
    }
}
