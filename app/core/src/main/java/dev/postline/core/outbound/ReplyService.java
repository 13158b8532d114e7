package dev.postline.core.outbound;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.branding.MessageVariables;
import dev.postline.core.branding.TouchpointBranding;
import dev.postline.core.conversation.Attachment;
import dev.postline.core.conversation.AttachmentContent;
import dev.postline.core.conversation.AttachmentRepository;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.Direction;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.threading.ThreadTokens;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.core.upload.Upload;
import dev.postline.core.upload.UploadService;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserRepository;
import dev.postline.core.web.ApiException;
import dev.postline.mail.MailAddress;
import dev.postline.mail.OutboundPart;
import dev.postline.mail.Subjects;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent's reply, reply-all or forward: checked, rendered once with the sending touchpoint's
 * decoration, then written as an outbound message AND its outbox entry in one transaction
 * ({@link OutboundWriter}). The caller gets the message id and QUEUED; the {@link OutboxSender}
 * does the rest. Nothing is written when any check fails.
 */
@Singleton
public class ReplyService {

    private final ConversationService conversations;
    private final MailMessageRepository messages;
    private final AttachmentRepository attachments;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settings;
    private final UserRepository users;
    private final UploadService uploads;
    private final OutboundRendering rendering;
    private final OutboundWriter writer;
    private final ThreadTokens tokens;
    private final BlobStore blobs;
    private final AttachmentContent attachmentContent;
    private final OutboundLimits limits;
    private final TenantTransactions tx;
    private final JsonMapper json;
    private final Clock clock;

    public ReplyService(ConversationService conversations, MailMessageRepository messages, AttachmentRepository attachments,
                        TouchpointRepository touchpoints, TouchpointSettingsCodec settings, UserRepository users, UploadService uploads,
                        OutboundRendering rendering, OutboundWriter writer, ThreadTokens tokens, BlobStore blobs,
                        AttachmentContent attachmentContent, OutboundLimits limits, TenantTransactions tx, JsonMapper json, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.attachments = attachments;
        this.touchpoints = touchpoints;
        this.settings = settings;
        this.users = users;
        this.uploads = uploads;
        this.rendering = rendering;
        this.writer = writer;
        this.tokens = tokens;
        this.blobs = blobs;
        this.attachmentContent = attachmentContent;
        this.limits = limits;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** {@code owner} is the caller's principal (user or API key): only its uploads may be attached. */
    public MailMessage reply(Viewer viewer, UUID owner, UUID conversationId, ComposeRequest request) {
        return send(viewer, owner, Compositions.reply(OutboundKind.REPLY, conversationId, request), () -> {});
    }

    public MailMessage replyAll(Viewer viewer, UUID owner, UUID conversationId, ComposeRequest request) {
        return send(viewer, owner, Compositions.reply(OutboundKind.REPLY_ALL, conversationId, request), () -> {});
    }

    public MailMessage forward(Viewer viewer, UUID owner, UUID conversationId, ForwardRequest request) {
        return send(viewer, owner, Compositions.forward(conversationId, request), () -> {});
    }

    /** Sends a checked composition; {@code alsoInTheTransaction} commits or rolls back with the message. */
    public MailMessage send(Viewer viewer, UUID owner, Composition c, Runnable alsoInTheTransaction) {
        TenantId tenant = viewer.tenant();
        Context ctx = tx.read(tenant, () -> context(viewer, owner, c));
        Conversation conversation = ctx.conversation();
        Touchpoint from = ctx.from();
        MailAddress customer = new MailAddress(conversation.customerAddress(), conversation.customerName());

        List<MailAddress> to = switch (c.kind()) {
            case REPLY -> c.to().isEmpty() ? List.of(customer) : c.to();
            case REPLY_ALL -> Recipients.distinct(concat(Recipients.replyAll(customer, ctx.answeredRecipients(), ctx.ownAddresses()), c.to()),
                    java.util.Set.of());
            case FORWARD -> Recipients.distinct(c.to(), java.util.Set.of());
        };
        List<MailAddress> cc = Recipients.distinct(c.cc(), Recipients.keys(to));
        List<MailAddress> bcc = Recipients.distinct(c.bcc(), Recipients.keys(concat(to, cc)));
        if (to.size() + cc.size() + bcc.size() > limits.getMaxRecipients()) {
            throw ApiException.invalid("to", "at most " + limits.getMaxRecipients() + " recipients (to, cc and bcc together)");
        }

        String text = c.text();
        String html = c.html();
        List<OutboundPart> parts = new ArrayList<>();
        List<OutboundWriter.StoredFile> files = new ArrayList<>();
        for (Upload u : ctx.uploads()) {
            parts.add(OutboundPart.attachment(u.fileName(), u.contentType(), uploads.bytes(tenant, u)));
            files.add(new OutboundWriter.StoredFile(u.fileName(), u.contentType(), u.size(), u.blobKey()));
        }
        String subject;
        Optional<String> inReplyTo = Optional.empty();
        List<String> references = List.of();
        TouchpointBranding.Purpose purpose;
        if (c.kind() == OutboundKind.FORWARD) {
            MailMessage original = ctx.forwarded();
            subject = c.subject() != null ? c.subject() : Subjects.forward(original.subject());
            if (OutboundPolicy.from(settings.read(from.settings())).forwardAsAttachment()) {
                OutboundPart eml = ForwardContent.asAttachment(original.subject(), blobs.get(tenant, original.rawBlob()));
                parts.add(eml);
                files.add(new OutboundWriter.StoredFile(eml.fileName(), eml.contentType(), original.rawSize(), original.rawBlob()));
            } else {
                ForwardContent.Bodies bodies = ForwardContent.quoted(text, html, original(original));
                text = bodies.text();
                html = bodies.html();
                for (Attachment a : ctx.forwardedFiles()) {
                    byte[] bytes = attachmentContent.bytes(tenant, a, original.rawBlob());
                    parts.add(OutboundPart.attachment(a.fileName(), a.contentType(), bytes));
                    // The forward's own copy of the file: an inbound attachment has no blob of its own.
                    String key = a.blobKey() != null ? a.blobKey() : blobs.put(tenant, bytes);
                    files.add(new OutboundWriter.StoredFile(a.fileName(), a.contentType(), a.size(), key));
                }
            }
            purpose = TouchpointBranding.Purpose.FORWARD;
        } else {
            subject = c.subject() != null ? c.subject() : Subjects.reply(conversation.subject());
            inReplyTo = ctx.history().stream().filter(m -> m.direction() == Direction.INBOUND && m.messageIdHeader() != null)
                    .reduce((first, second) -> second).map(MailMessage::messageIdHeader);
            references = ctx.history().stream().map(MailMessage::messageIdHeader).filter(Objects::nonNull).toList();
            boolean first = ctx.history().stream().noneMatch(m -> m.direction() == Direction.OUTBOUND && !AutoReplyFlag.isAutoReply(m));
            purpose = first ? TouchpointBranding.Purpose.FIRST_MESSAGE : TouchpointBranding.Purpose.REPLY;
        }
        long total = parts.stream().mapToLong(p -> p.content().length).sum();
        if (total > limits.getMaxMessageBytes()) {
            throw ApiException.invalid("attachments", "together larger than the limit of " + limits.getMaxMessageBytes() + " bytes per message");
        }

        String messageId = tokens.messageId(tenant, from.id(), conversation.id(), domainOf(from));
        OutboundRendering.Outgoing outgoing = new OutboundRendering.Outgoing(from.id(), new MailAddress(from.address(), from.displayName()),
                to, cc, bcc, subject, messageId, inReplyTo, references, text, html, parts, Map.of(), clock.instant());
        OutboundRendering.Rendered rendered = rendering.render(tenant, outgoing, variables(conversation, from, ctx.agent()), purpose);
        return writer.queue(tenant, new OutboundWriter.Outbound(from, conversation.id(), messageId, rendered, text, html, files,
                viewer.userId(), "", true), id -> alsoInTheTransaction.run());
    }

    /** What the message is built from, read in one transaction; every id is checked against the tenant and the caller. */
    private record Context(Conversation conversation, Touchpoint from, List<MailMessage> history, List<Upload> uploads,
                           @Nullable UserAccount agent, @Nullable MailMessage forwarded, List<Attachment> forwardedFiles,
                           List<MailAddress> answeredRecipients, List<String> ownAddresses) {}

    private Context context(Viewer viewer, UUID owner, Composition c) {
        TenantId tenant = viewer.tenant();
        // Answering is done with the conversation open: a forward carries its content, a reply-all its
        // recipients. Where the viewer may not preview it, they take it first (preview permissions).
        Conversation conversation = conversations.requireReadable(viewer, c.conversationId(), "answer or forward it");
        UUID fromId = c.touchpointId() != null ? c.touchpointId() : conversation.touchpointId();
        Touchpoint from = touchpoints.findByTenantIdAndId(tenant.value(), fromId).orElseThrow(() -> ApiException.notFound("touchpoint"));
        if (!from.enabled() || !from.direction().sends()) {
            throw ApiException.conflict("the touchpoint '" + from.displayName() + "' does not send mail (inbound only or disabled)");
        }
        List<MailMessage> history = messages.findByTenantIdAndConversationIdOrderByReceivedAt(tenant.value(), conversation.id());
        List<Upload> files = uploads.requireOwned(tenant, owner, c.uploadIds(), "attachments");
        UserAccount agent = viewer.userId() == null ? null : users.findByTenantIdAndId(tenant.value(), viewer.userId()).orElse(null);
        MailMessage forwarded = null;
        List<Attachment> forwardedFiles = List.of();
        if (c.kind() == OutboundKind.FORWARD) {
            forwarded = c.forwardMessageId() != null
                    ? history.stream().filter(m -> m.id().equals(c.forwardMessageId())).findFirst()
                            .orElseThrow(() -> ApiException.notFound("message"))
                    : history.stream().filter(m -> m.direction() == Direction.INBOUND).reduce((first, second) -> second)
                            .orElseThrow(() -> ApiException.conflict("the conversation has no customer message to forward"));
            forwardedFiles = attachments.findByTenantIdAndMessageId(tenant.value(), forwarded.id()).stream()
                    .filter(a -> !a.inlinePart()).toList();
        }
        List<MailAddress> answered = List.of();
        if (c.kind() == OutboundKind.REPLY_ALL) {
            answered = history.stream().filter(m -> m.direction() == Direction.INBOUND).reduce((first, second) -> second)
                    .map(m -> concat(addresses(m.toAddresses()), addresses(m.ccAddresses()))).orElse(List.of());
        }
        List<String> own = touchpoints.findByTenantIdOrderByNameKey(tenant.value()).stream().map(Touchpoint::address).toList();
        return new Context(conversation, from, history, files, agent, forwarded, forwardedFiles, answered, own);
    }

    private ForwardContent.Original original(MailMessage m) {
        String from = m.fromName().isBlank() ? m.fromAddress() : m.fromName() + " <" + m.fromAddress() + ">";
        String to = String.join(", ", addresses(m.toAddresses()).stream()
                .map(a -> a.displayName().isBlank() ? a.address() : a.displayName() + " <" + a.address() + ">").toList());
        return new ForwardContent.Original(from, m.sentAt() != null ? m.sentAt() : m.receivedAt(), m.subject(), to, m.textBody(), m.htmlBody());
    }

    /** Stored address lists (JSON); entries that are not mailboxes (e.g. a group syntax remnant) are skipped. */
    private List<MailAddress> addresses(String stored) {
        try {
            List<Map<String, String>> list = json.readValue(stored, Argument.listOf(Argument.mapOf(String.class, String.class)));
            List<MailAddress> out = new ArrayList<>();
            for (Map<String, String> a : list) {
                String address = a.get("address");
                if (address != null && address.indexOf('@') > 0 && !address.endsWith("@")) {
                    out.add(new MailAddress(address, a.getOrDefault("name", "") == null ? "" : a.getOrDefault("name", "")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageVariables variables(Conversation c, Touchpoint t, @Nullable UserAccount agent) {
        return new MessageVariables(c.id(), c.number(), c.subject(), c.customerName(), c.customerAddress(),
                agent == null ? null : agent.displayName(), agent == null ? null : agent.email(), t.displayName(), t.address());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String domainOf(Touchpoint t) {
        return t.address().substring(t.address().lastIndexOf('@') + 1);
    }
}
