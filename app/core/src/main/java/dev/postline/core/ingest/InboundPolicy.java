package dev.postline.core.ingest;

import java.time.Duration;
import java.util.Map;

/**
 * The per-touchpoint choices ingestion honours, read from the touchpoint's settings with defaults:
 * {@code dedupeByMessageId} (true; the provider-id check always stays), {@code followUpOnClosed}
 * ({@code reopen} or {@code new}), {@code waitForAssignedAgentSeconds} (10, 1…2147483),
 * {@code sameDomainIsParticipant} (false: an unsigned reference joins a conversation only from an
 * address seen in it; true: also from the same, non-free-mail domain — see ThreadingRule).
 */
public record InboundPolicy(boolean dedupeByMessageId, boolean reopenClosed, Duration waitForAssignedAgent,
                            boolean sameDomainIsParticipant) {

    public static final String DEDUPE_BY_MESSAGE_ID = "dedupeByMessageId";
    public static final String FOLLOW_UP_ON_CLOSED = "followUpOnClosed";
    public static final String WAIT_FOR_ASSIGNED_AGENT = "waitForAssignedAgentSeconds";
    public static final String SAME_DOMAIN_IS_PARTICIPANT = "sameDomainIsParticipant";
    static final long MAX_WAIT_SECONDS = 2_147_483;

    public static final String INITIAL_IMPORT_DAYS = "initialImportDays";

    /** Reports invalid values of the keys this policy reads, at save time rather than at sync time. */
    public static void check(dev.postline.core.web.InputCheck in, Map<String, String> settings) {
        oneOf(in, settings, DEDUPE_BY_MESSAGE_ID, java.util.List.of("true", "false"));
        oneOf(in, settings, FOLLOW_UP_ON_CLOSED, java.util.List.of("reopen", "new"));
        oneOf(in, settings, SAME_DOMAIN_IS_PARTICIPANT, java.util.List.of("true", "false"));
        range(in, settings, WAIT_FOR_ASSIGNED_AGENT, 1, MAX_WAIT_SECONDS);
        range(in, settings, INITIAL_IMPORT_DAYS, 0, 3650);
    }

    private static void oneOf(dev.postline.core.web.InputCheck in, Map<String, String> s, String key, java.util.List<String> allowed) {
        String v = s.get(key);
        in.check(v == null || allowed.contains(v), "settings." + key, "must be one of " + String.join(", ", allowed));
    }

    private static void range(dev.postline.core.web.InputCheck in, Map<String, String> s, String key, long min, long max) {
        String v = s.get(key);
        if (v == null) {
            return;
        }
        try {
            long n = Long.parseLong(v);
            in.check(n >= min && n <= max, "settings." + key, "must be a whole number from " + min + " to " + max);
        } catch (NumberFormatException e) {
            in.fail("settings." + key, "must be a whole number from " + min + " to " + max);
        }
    }

    public static InboundPolicy from(Map<String, String> settings) {
        boolean dedupe = !"false".equalsIgnoreCase(settings.getOrDefault(DEDUPE_BY_MESSAGE_ID, "true"));
        boolean reopen = !"new".equalsIgnoreCase(settings.getOrDefault(FOLLOW_UP_ON_CLOSED, "reopen"));
        long wait;
        try {
            wait = Long.parseLong(settings.getOrDefault(WAIT_FOR_ASSIGNED_AGENT, "10"));
        } catch (NumberFormatException e) {
            wait = 10;
        }
        boolean sameDomain = "true".equalsIgnoreCase(settings.getOrDefault(SAME_DOMAIN_IS_PARTICIPANT, "false"));
        return new InboundPolicy(dedupe, reopen, Duration.ofSeconds(Math.max(1, Math.min(MAX_WAIT_SECONDS, wait))), sameDomain);
    }
}
