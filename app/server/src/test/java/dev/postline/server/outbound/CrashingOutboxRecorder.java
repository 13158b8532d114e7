package dev.postline.server.outbound;

import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.NoteService;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.outbound.OutboxEntry;
import dev.postline.core.outbound.OutboxRecorder;
import dev.postline.core.outbound.OutboxRepository;
import dev.postline.core.outbound.OutboxSettings;
import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates the process dying at a point of sending: {@code after-claim} dies once an entry is
 * claimed (committed) and before anything is sent; {@code after-send} dies after the connector
 * returned the provider's acceptance and before SENT is recorded. Every later pass dies the same
 * way, so the process stays dead until the test starts a new one.
 */
@Singleton
@Replaces(OutboxRecorder.class)
@Requires(property = "test.outbox-crash")
class CrashingOutboxRecorder extends OutboxRecorder {

    static final AtomicInteger CRASHES = new AtomicInteger();

    private final String at;

    CrashingOutboxRecorder(OutboxRepository outbox, MailMessageRepository messages, ConversationRepository conversations,
                           NoteService notes, TenantTransactions tx, OutboxSettings settings, Clock clock,
                           @Value("${test.outbox-crash}") String at) {
        super(outbox, messages, conversations, notes, tx, settings, clock);
        this.at = at;
    }

    @Override
    public List<OutboxEntry> claim(TenantId tenant, List<OutboxEntry> due) {
        List<OutboxEntry> claimed = super.claim(tenant, due);
        if (at.equals("after-claim") && !claimed.isEmpty()) {
            throw crash();
        }
        return claimed;
    }

    @Override
    public void sent(TenantId tenant, OutboxEntry entry, MailMessage message, String detail, String providerId) {
        if (at.equals("after-send")) {
            throw crash();
        }
        super.sent(tenant, entry, message, detail, providerId);
    }

    private static Error crash() {
        CRASHES.incrementAndGet();
        return new SimulatedCrash();
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }
}
