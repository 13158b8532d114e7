package dev.postline.core.outbound;

import dev.postline.core.web.InputCheck;
import java.util.List;
import java.util.Map;

/**
 * The per-touchpoint choices outbound mail honours, read from the touchpoint's settings:
 * {@code forwardMode} = {@code quoted} (default: the original below a "Forwarded message" block)
 * or {@code attachment} (the original, byte-exact, as a {@code message/rfc822} .eml file);
 * {@code uncertainDelivery} = {@code hold} (default) or {@code resend}: what happens to a reply the
 * sender was handing over when it stopped, when the connector cannot check whether it went out —
 * held as "delivery unknown" for an agent to confirm, or sent again at the risk of a second copy.
 */
public record OutboundPolicy(boolean forwardAsAttachment, boolean resendUncertain) {

    public static final String FORWARD_MODE = "forwardMode";
    public static final String UNCERTAIN_DELIVERY = "uncertainDelivery";
    static final List<String> FORWARD_MODES = List.of("quoted", "attachment");
    static final List<String> UNCERTAIN_DELIVERIES = List.of("hold", "resend");

    /** Reports invalid values of the keys this policy reads, at save time. */
    public static void check(InputCheck in, Map<String, String> settings) {
        String mode = settings.get(FORWARD_MODE);
        in.check(mode == null || FORWARD_MODES.contains(mode), "settings." + FORWARD_MODE, "must be one of " + String.join(", ", FORWARD_MODES));
        String uncertain = settings.get(UNCERTAIN_DELIVERY);
        in.check(uncertain == null || UNCERTAIN_DELIVERIES.contains(uncertain), "settings." + UNCERTAIN_DELIVERY,
                "must be one of " + String.join(", ", UNCERTAIN_DELIVERIES));
    }

    public static OutboundPolicy from(Map<String, String> settings) {
        return new OutboundPolicy("attachment".equals(settings.get(FORWARD_MODE)), "resend".equals(settings.get(UNCERTAIN_DELIVERY)));
    }
}
