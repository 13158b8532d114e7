package dev.postline.core.touchpoint;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of connector a touchpoint can use; the wire form is the lower-case name. */
public enum ConnectorKind {
    IMAP,
    GMAIL,
    GRAPH,
    FORWARDING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConnectorKind fromWire(String text) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName().equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown connector kind; expected one of imap, gmail, graph, forwarding"));
    }
}
