package dev.postline.core.workflow;

import dev.postline.core.web.InputCheck;
import java.time.Duration;
import java.util.Map;

/**
 * The per-touchpoint choices agent work honours, read from the touchpoint's settings with defaults:
 * {@code dispositionRequired} (false: closing needs no disposition) and {@code transferAcceptSeconds}
 * (120, 10…86400: how long an agent has to accept a conversation offered to them before it returns).
 */
public record WorkflowPolicy(boolean dispositionRequired, Duration transferAccept) {

    public static final String DISPOSITION_REQUIRED = "dispositionRequired";
    public static final String TRANSFER_ACCEPT_SECONDS = "transferAcceptSeconds";
    static final long DEFAULT_ACCEPT_SECONDS = 120;
    static final long MIN_ACCEPT_SECONDS = 10;
    static final long MAX_ACCEPT_SECONDS = 86_400;

    /** Reports invalid values of the keys this policy reads, at save time. */
    public static void check(InputCheck in, Map<String, String> settings) {
        String required = settings.get(DISPOSITION_REQUIRED);
        in.check(required == null || required.equals("true") || required.equals("false"), "settings." + DISPOSITION_REQUIRED,
                "must be one of true, false");
        String seconds = settings.get(TRANSFER_ACCEPT_SECONDS);
        if (seconds != null) {
            String message = "must be a whole number from " + MIN_ACCEPT_SECONDS + " to " + MAX_ACCEPT_SECONDS;
            try {
                long n = Long.parseLong(seconds);
                in.check(n >= MIN_ACCEPT_SECONDS && n <= MAX_ACCEPT_SECONDS, "settings." + TRANSFER_ACCEPT_SECONDS, message);
            } catch (NumberFormatException e) {
                in.fail("settings." + TRANSFER_ACCEPT_SECONDS, message);
            }
        }
    }

    public static WorkflowPolicy from(Map<String, String> settings) {
        long seconds;
        try {
            seconds = Long.parseLong(settings.getOrDefault(TRANSFER_ACCEPT_SECONDS, Long.toString(DEFAULT_ACCEPT_SECONDS)));
        } catch (NumberFormatException e) {
            seconds = DEFAULT_ACCEPT_SECONDS;
        }
        return new WorkflowPolicy("true".equals(settings.get(DISPOSITION_REQUIRED)),
                Duration.ofSeconds(Math.max(MIN_ACCEPT_SECONDS, Math.min(MAX_ACCEPT_SECONDS, seconds))));
    }
}
