package dev.postline.connectors.graph;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Outlook serves at most {@value #PER_MAILBOX} concurrent requests per mailbox and app; more get
 * {@code 429 ApplicationThrottled}. One fair semaphore per mailbox, shared by every session of this JVM
 * (sync, sending, verification), keeps Postline under that limit. Several nodes each hold their own
 * budget: cluster-wide, one node owns a touchpoint's sync, and sends are short.
 */
final class MailboxPermits {

    static final int PER_MAILBOX = 4;

    private static final ConcurrentMap<String, Semaphore> PERMITS = new ConcurrentHashMap<>();

    private MailboxPermits() {
    }

    static Semaphore forMailbox(String key) {
        return PERMITS.computeIfAbsent(key, k -> new Semaphore(PER_MAILBOX, true));
    }
}
