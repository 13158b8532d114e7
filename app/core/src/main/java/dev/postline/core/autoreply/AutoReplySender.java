package dev.postline.core.autoreply;

import dev.postline.core.branding.MessageVariables;
import dev.postline.core.branding.TemplateVariables;
import dev.postline.core.branding.TemplateVariables.Mode;
import dev.postline.core.branding.TouchpointBranding;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.outbound.AutoReplyFlag;
import dev.postline.core.outbound.OutboundRendering;
import dev.postline.core.outbound.OutboundWriter;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.threading.ThreadTokens;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.web.ApiException;
import dev.postline.mail.MailAddress;
import dev.postline.mail.Subjects;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a decided auto-reply ({@link AutoReplyLog}) into an outbound message in the outbox: right
 * after the ingest transaction commits (on a virtual thread, so ingest does not wait), and again
 * from a periodic sweep for decisions a crash left behind. Marking the log row and writing the
 * message happen in one transaction, so each decision is queued exactly once.
 */
@Singleton
public class AutoReplySender {

    private static final Logger LOG = LoggerFactory.getLogger(AutoReplySender.class);
    /** A decision older than this with no message is taken over by the sweep. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private final AutoReplyLogRepository log;
    private final AutoReplyRepository autoReplies;
    private final ConversationRepository conversations;
    private final MailMessageRepository messages;
    private final TouchpointRepository touchpoints;
    private final TenantRepository tenants;
    private final OutboundRendering rendering;
    private final OutboundWriter writer;
    private final ThreadTokens tokens;
    private final TenantTransactions tx;
    private final Clock clock;

    public AutoReplySender(AutoReplyLogRepository log, AutoReplyRepository autoReplies, ConversationRepository conversations,
                           MailMessageRepository messages, TouchpointRepository touchpoints, TenantRepository tenants,
                           OutboundRendering rendering, OutboundWriter writer, ThreadTokens tokens, TenantTransactions tx, Clock clock) {
        this.log = log;
        this.autoReplies = autoReplies;
        this.conversations = conversations;
        this.messages = messages;
        this.touchpoints = touchpoints;
        this.tenants = tenants;
        this.rendering = rendering;
        this.writer = writer;
        this.tokens = tokens;
        this.tx = tx;
        this.clock = clock;
    }

    /** Queues the reply in the background; a failure is left to the sweep. */
    public void afterCommit(TenantId tenant, UUID logId) {
        Thread.ofVirtual().name("auto-reply-" + logId).start(() -> {
            try {
                queue(tenant, logId);
            } catch (RuntimeException e) {
                LOG.warn("Auto-reply {} not queued yet ({}); the sweep retries it", logId, e.toString());
            }
        });
    }

    @Scheduled(fixedDelay = "${postline.outbound.auto-reply-sweep-interval:30s}", initialDelay = "10s")
    void sweep() {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            for (AutoReplyLog pending : tx.read(id, () -> log.pending(id.value(), clock.instant().minus(GRACE)))) {
                try {
                    queue(id, pending.id());
                } catch (RuntimeException e) {
                    LOG.warn("Auto-reply {} could not be queued", pending.id(), e);
                }
            }
        }
    }

    void queue(TenantId tenant, UUID logId) {
        Optional<Work> work = tx.read(tenant, () -> log.findByTenantIdAndId(tenant.value(), logId)
                .filter(l -> l.outboundMessageId() == null)
                .flatMap(l -> autoReplies.findByTenantIdAndTouchpointId(tenant.value(), l.touchpointId()).map(config -> new Work(l, config,
                        conversations.findByTenantIdAndId(tenant.value(), l.conversationId()).orElseThrow(),
                        touchpoints.findByTenantIdAndId(tenant.value(), l.touchpointId()).orElseThrow(),
                        messages.findByTenantIdAndId(tenant.value(), l.inboundMessageId()).orElseThrow()))));
        if (work.isEmpty()) {
            return;
        }
        Work w = work.get();
        Conversation c = w.conversation();
        Touchpoint from = w.touchpoint();
        String domain = from.address().substring(from.address().lastIndexOf('@') + 1);
        String messageId = tokens.messageId(tenant, from.id(), c.id(), domain);
        MessageVariables variables = new MessageVariables(c.id(), c.number(), c.subject(), c.customerName(), c.customerAddress(), null,
                null, from.displayName(), from.address());
        // The admin's placeholders, filled for this conversation: escaped in HTML, one line in the subject.
        String subject = w.config().subject().isBlank() ? Subjects.reply(c.subject())
                : TemplateVariables.render(w.config().subject(), variables, Mode.TEXT).replaceAll("[\\p{Cntrl}\\x{80}-\\x{9F}\\x{2028}\\x{2029}]+", " ");
        String text = w.config().textBody() == null ? null : TemplateVariables.render(w.config().textBody(), variables, Mode.TEXT);
        String html = w.config().htmlBody() == null ? null : TemplateVariables.render(w.config().htmlBody(), variables, Mode.HTML);
        Optional<String> inReplyTo = Optional.ofNullable(w.inbound().messageIdHeader());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", "auto-replied");
        headers.put("X-Auto-Response-Suppress", "All");
        OutboundRendering.Outgoing outgoing = new OutboundRendering.Outgoing(from.id(), new MailAddress(from.address(), from.displayName()),
                List.of(new MailAddress(c.customerAddress(), c.customerName())), List.of(), List.of(), subject, messageId, inReplyTo,
                inReplyTo.map(List::of).orElse(List.of()), text, html, List.of(), headers, clock.instant());
        OutboundRendering.Rendered rendered = rendering.render(tenant, outgoing, variables, TouchpointBranding.Purpose.AUTO_REPLY);
        try {
            writer.queue(tenant, new OutboundWriter.Outbound(from, c.id(), messageId, rendered, text, html,
                    List.of(), null, AutoReplyFlag.NAME, false), id -> {
                        if (log.markQueued(tenant.value(), logId, id) != 1) {
                            throw ApiException.conflict("auto-reply already queued");
                        }
                    });
        } catch (ApiException alreadyQueued) {
            // Another worker (the sweep, another node) queued it first: nothing to do.
        }
    }

    private record Work(AutoReplyLog log, AutoReply config, Conversation conversation, Touchpoint touchpoint, MailMessage inbound) {}
}
