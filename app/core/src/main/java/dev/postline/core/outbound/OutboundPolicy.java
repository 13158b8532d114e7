package dev.postline.core.outbound;

import dev.postline.core.web.InputCheck;
import java.util.List;
import java.util.Map;

/**
 * The per-touchpoint choices outbound mail honours, read from the touchpoint's settings:
 * {@code forwardMode} = {@code quoted} (default: the original below a "Forwarded message" block)
 * or {@code attachment} (the original, byte-exact, as a {@code message/rfc822} .eml file).
 */
public record OutboundPolicy(boolean forwardAsAttachment) {

    public static final String FORWARD_MODE = "forwardMode";
    static final List<String> FORWARD_MODES = List.of("quoted", "attachment");

    /** Reports invalid values of the keys this policy reads, at save time. */
    public static void check(InputCheck in, Map<String, String> settings) {
        String mode = settings.get(FORWARD_MODE);
        in.check(mode == null || FORWARD_MODES.contains(mode), "settings." + FORWARD_MODE, "must be one of " + String.join(", ", FORWARD_MODES));
    }

    public static OutboundPolicy from(Map<String, String> settings) {
        return new OutboundPolicy("attachment".equals(settings.get(FORWARD_MODE)));
    }
}
