package dev.postline.core.outbound;

import java.util.Arrays;
import java.util.Locale;

/** What an agent's outbound message is: its recipients, subject and threading follow from it. */
public enum OutboundKind {
    REPLY("reply"),
    REPLY_ALL("reply-all"),
    FORWARD("forward");

    private final String wireName;

    OutboundKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OutboundKind fromWire(String text) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(text.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of reply, reply-all, forward"));
    }
}
