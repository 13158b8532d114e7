package dev.postline.mail;

import java.util.Objects;

/**
 * A syntactically valid mailbox: {@code address} is {@code local@domain} with the domain
 * lower-cased (the local part keeps its case, as RFC 5321 requires); {@code displayName} is RFC 2047
 * decoded and empty when absent, never null.
 */
public record MailAddress(String address, String displayName) {

    public MailAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
        if (address.indexOf('@') < 1 || address.endsWith("@")) {
            throw new IllegalArgumentException("not a mailbox address");
        }
    }

    /** The part before the last {@code @}. */
    public String localPart() {
        return address.substring(0, address.lastIndexOf('@'));
    }

    /** The lower-cased part after the last {@code @}. */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
