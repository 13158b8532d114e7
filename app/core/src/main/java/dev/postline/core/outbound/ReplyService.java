package dev.postline.core.outbound;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.branding.MessageVariables;
import dev.postline.core.branding.TouchpointBranding;
import dev.postline.mail.MailAddress;
import dev.postline.mail.Subjects;
import java.util.Map;
import java.util.Optional;
import dev.postline.core.common.EmailAddress;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.ConversationStatus;
import dev.postline.core.conversation.Direction;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.threading.ThreadTokens;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's reply: rendered once, then written as an outbound message AND its outbox entry in one
 * transaction. The caller gets the message id and QUEUED; the {@link OutboxSender} does the rest.
 */
@Singleton
public class ReplyService {

    static final int MAX_RECIPIENTS = 100;

    @Serdeable
    public record ReplyRequest(@Nullable String text, @Nullable String html, @Nullable List<String> cc, @Nullable List<String> bcc) {}

    private final ConversationService conversations;
    private final ConversationRepository conversationRepository;
    private final MailMessageRepository messages;
    private final OutboxRepository outbox;
    private final TouchpointRepository touchpoints;
    private final OutboundRendering rendering;
    private final ThreadTokens tokens;
    private final BlobStore blobs;
    private final QueueRouter router;
    private final TenantTransactions tx;
    private final EventBus events;
    private final Clock clock;

    public ReplyService(ConversationService conversations, ConversationRepository conversationRepository,
                        MailMessageRepository messages, OutboxRepository outbox, TouchpointRepository touchpoints,
                        OutboundRendering rendering, ThreadTokens tokens, BlobStore blobs, QueueRouter router,
                        TenantTransactions tx, EventBus events, Clock clock) {
        this.conversations = conversations;
        this.conversationRepository = conversationRepository;
        this.messages = messages;
        this.outbox = outbox;
        this.touchpoints = touchpoints;
        this.rendering = rendering;
        this.tokens = tokens;
        this.blobs = blobs;
        this.router = router;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    public MailMessage reply(Viewer viewer, UUID conversationId, ReplyRequest request) {
        InputCheck in = InputCheck.start();
        in.check(hasText(request.text()) || hasText(request.html()), "text", "a reply needs a text or an HTML body");
        List<EmailAddress> cc = addresses(in, "cc", request.cc());
        List<EmailAddress> bcc = addresses(in, "bcc", request.bcc());
        in.check(cc.size() + bcc.size() < MAX_RECIPIENTS, "cc", "at most " + MAX_RECIPIENTS + " recipients");
        in.orThrow();

        Context context = tx.read(viewer.tenant(), () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            Touchpoint t = touchpoints.findByTenantIdAndId(viewer.tenant().value(), c.touchpointId()).orElseThrow();
            if (!t.enabled() || !t.direction().sends()) {
                throw ApiException.conflict("the touchpoint '" + t.displayName() + "' does not send mail (inbound only or disabled)");
            }
            return new Context(c, t, messages.findByTenantIdAndConversationIdOrderByReceivedAt(viewer.tenant().value(), conversationId));
        });
        String messageId = tokens.messageId(viewer.tenant(), context.touchpoint().id(), conversationId, domainOf(context.touchpoint()));
        Conversation c = context.conversation();
        Touchpoint from = context.touchpoint();
        Optional<String> answered = context.history().stream()
                .filter(m -> m.direction() == Direction.INBOUND && m.messageIdHeader() != null)
                .reduce((first, second) -> second).map(MailMessage::messageIdHeader);
        List<String> references = context.history().stream().map(MailMessage::messageIdHeader).filter(Objects::nonNull).toList();
        OutboundRendering.Outgoing outgoing = new OutboundRendering.Outgoing(from.id(), new MailAddress(from.address(), from.displayName()),
                List.of(new MailAddress(c.customerAddress(), c.customerName())), mailboxes(cc), mailboxes(bcc), Subjects.reply(c.subject()),
                messageId, answered, references, request.text(), request.html(), List.of(), Map.of(), clock.instant());
        boolean first = context.history().stream().noneMatch(m -> m.direction() == Direction.OUTBOUND);
        OutboundRendering.Rendered rendered = rendering.render(viewer.tenant(), outgoing, variables(c, from, null),
                first ? TouchpointBranding.Purpose.FIRST_MESSAGE : TouchpointBranding.Purpose.REPLY);
        String rawBlob = blobs.put(viewer.tenant(), rendered.raw());
        Instant now = clock.instant();
        MailMessage stored = tx.write(viewer.tenant(), () -> {
            MailMessage message = messages.save(new MailMessage(UUID.randomUUID(), viewer.tenant().value(), conversationId,
                    context.touchpoint().id(), Direction.OUTBOUND, null, messageId, "mid:" + messageId,
                    context.touchpoint().address(), context.touchpoint().displayName(), rendered.toJson(), rendered.ccJson(),
                    rendered.subject(), null, now, request.text(), request.html(), rawBlob, rendered.raw().length, "",
                    MailMessage.DeliveryStatus.QUEUED, null, viewer.userId()));
            outbox.save(new OutboxEntry(UUID.randomUUID(), viewer.tenant().value(), message.id(), context.touchpoint().id(),
                    context.touchpoint().address(), String.join("\n", rendered.envelopeRecipients()), OutboxEntry.Status.QUEUED, 0,
                    now, null, null, now, now));
            conversationRepository.update(context.conversation().withStatus(ConversationStatus.OPEN));
            return message;
        });
        events.publish(new ConversationEvent(ConversationEvent.Type.MESSAGE_ADDED, viewer.tenant(), conversationId, stored.id(),
                tx.read(viewer.tenant(), () -> router.queueOf(viewer.tenant(), conversationId)),
                context.conversation().assignedUserId(), now));
        return stored;
    }

    private record Context(Conversation conversation, Touchpoint touchpoint, List<MailMessage> history) {}

    private static List<EmailAddress> addresses(InputCheck in, String field, @Nullable List<String> values) {
        List<EmailAddress> list = new ArrayList<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                EmailAddress address = in.email(field + "[" + i + "]", values.get(i));
                if (address != null) {
                    list.add(address);
                }
            }
        }
        return list.stream().filter(Objects::nonNull).toList();
    }

    private static List<MailAddress> mailboxes(List<EmailAddress> addresses) {
        return addresses.stream().map(a -> new MailAddress(a.value(), "")).toList();
    }

    private static MessageVariables variables(Conversation c, Touchpoint t, @Nullable dev.postline.core.user.UserAccount agent) {
        return new MessageVariables(c.id(), c.number(), c.subject(), c.customerName(), c.customerAddress(),
                agent == null ? null : agent.displayName(), agent == null ? null : agent.email(), t.displayName(), t.address());
    }

    private static boolean hasText(@Nullable String s) {
        return s != null && !s.isBlank();
    }

    private static String domainOf(Touchpoint t) {
        return t.address().substring(t.address().lastIndexOf('@') + 1);
    }
}
