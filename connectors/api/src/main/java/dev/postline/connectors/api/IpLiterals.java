package dev.postline.connectors.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Recognises IP literals the way C resolvers do, so that spellings such as {@code 2130706433},
 * {@code 0x7f000001}, {@code 0177.0.0.1} or {@code 127.1} are treated as the address they mean instead
 * of being sent to DNS (Java alone reads {@code 0177} as decimal 177).
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /** What a host string is, before any DNS lookup. */
    sealed interface Parsed {
    }

    record Literal(InetAddress address) implements Parsed {
    }

    /** Looks numeric but is no valid address in any reading: refused rather than guessed at. */
    record Ambiguous() implements Parsed {
    }

    record Name(String name) implements Parsed {
    }

    static Parsed parse(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.startsWith("[") || h.indexOf(':') >= 0) {
            return ipv6(h);
        }
        String[] labels = h.split("\\.", -1);
        boolean numericLooking = true;
        for (String label : labels) {
            numericLooking &= label.matches("(?i)0x[0-9a-f]*|[0-9]+");
        }
        if (!numericLooking) {
            return new Name(h);
        }
        return ipv4(labels).<Parsed>map(Literal::new).orElseGet(Ambiguous::new);
    }

    private static Parsed ipv6(String h) {
        String inner = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        int zone = inner.indexOf('%');
        if (zone >= 0) {
            inner = inner.substring(0, zone);
        }
        if (!inner.matches("(?i)[0-9a-f:.]+")) {
            return new Ambiguous();
        }
        try {
            // Brackets force literal parsing: no DNS lookup can happen here.
            return new Literal(InetAddress.getByName("[" + inner + "]"));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return new Ambiguous();
        }
    }

    /** inet_aton: 1 to 4 parts, each decimal, 0x-hex or 0-octal; the last part fills the remaining bytes. */
    private static Optional<InetAddress> ipv4(String[] labels) {
        if (labels.length > 4) {
            return Optional.empty();
        }
        long[] parts = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Optional<Long> value = number(labels[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            parts[i] = value.get();
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i] > 255) {
                return Optional.empty();
            }
            value |= parts[i] << (8 * (3 - i));
        }
        long last = parts[parts.length - 1];
        if (last >= 1L << (8 * (4 - (parts.length - 1)))) {
            return Optional.empty();
        }
        value |= last;
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always a valid address
        }
    }

    private static Optional<Long> number(String label) {
        try {
            if (label.isEmpty() || label.length() > 12) {
                return Optional.empty();
            }
            if (label.regionMatches(true, 0, "0x", 0, 2)) {
                return label.length() == 2 ? Optional.of(0L) : Optional.of(Long.parseLong(label.substring(2), 16));
            }
            if (label.length() > 1 && label.startsWith("0")) {
                return Optional.of(Long.parseLong(label.substring(1), 8));
            }
            return Optional.of(Long.parseLong(label));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
