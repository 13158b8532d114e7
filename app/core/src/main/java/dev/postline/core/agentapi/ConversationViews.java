package dev.postline.core.agentapi;

import dev.postline.core.conversation.Attachment;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.ingest.HtmlRendering;
import dev.postline.core.touchpoint.DataSourcePair;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.preview.PreviewPermissions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The JSON shapes of the conversation API, and the one place inbound HTML is made safe to show. */
@Singleton
public class ConversationViews {

    /**
     * A conversation as listed. {@code dataSource} (key/values in order) and {@code reportServiceName}
     * are its touchpoint's values when it was created, kept as they were then; conversations older
     * than these fields have {@code []} and null. {@code mayPreview}: whether the caller may read its
     * content now (preview permissions of its touchpoint, or assigned to the caller); false means
     * "claim it to read it" — the detail would answer 403.
     */
    @Serdeable
    public record Summary(UUID id, long number, UUID touchpointId, String subject, String customerAddress, String customerName,
                          String status, boolean blocked, @Nullable UUID assignedUserId, boolean unread,
                          Instant createdAt, Instant lastMessageAt, @Nullable UUID dispositionId,
                          List<DataSourcePair> dataSource, @Nullable String reportServiceName, boolean mayPreview) {}

    @Serdeable
    public record PageView(List<Summary> items, @Nullable String nextCursor) {}

    @Serdeable
    public record AddressView(String address, String name) {}

    @Serdeable
    public record AttachmentView(UUID id, String fileName, String contentType, long size, boolean inline, String url) {}

    @Serdeable
    public record MessageView(UUID id, String direction, AddressView from, List<AddressView> to, List<AddressView> cc,
                              String subject, @Nullable Instant sentAt, Instant receivedAt, @Nullable String text,
                              @Nullable String html, List<String> flags, List<AttachmentView> attachments, String rawUrl,
                              @Nullable String deliveryStatus, @Nullable String deliveryDetail,
                              @Nullable String customerAddressSource, List<String> authenticationResults) {}

    @Serdeable
    public record NoteView(UUID id, @Nullable UUID authorUserId, String text, Instant createdAt) {}

    public static NoteView note(dev.postline.core.conversation.Note n) {
        return new NoteView(n.id(), n.authorUserId(), n.body(), n.createdAt());
    }

    @Serdeable
    public record DetailView(Summary conversation, List<UUID> queue, List<MessageView> messages) {}

    private final HtmlRendering html;
    private final JsonMapper json;
    private final PreviewPermissions previews;

    public ConversationViews(HtmlRendering html, JsonMapper json, PreviewPermissions previews) {
        this.html = html;
        this.json = json;
        this.previews = previews;
    }

    /** The conversation as the viewer gets it back, with whether they may read its content now. */
    public Summary summary(Viewer viewer, Conversation c) {
        return summary(c, previews.previewable(viewer).test(c));
    }

    /** Many conversations for one viewer: each touchpoint's preview setting is read once. */
    public List<Summary> summaries(Viewer viewer, List<Conversation> conversations) {
        var previewable = previews.previewable(viewer);
        return conversations.stream().map(c -> summary(c, previewable.test(c))).toList();
    }

    static Summary summary(Conversation c, boolean mayPreview) {
        return new Summary(c.id(), c.number(), c.touchpointId(), c.subject(), c.customerAddress(), c.customerName(),
                c.status().name(), c.blocked(), c.assignedUserId(), c.unread(), c.createdAt(), c.lastMessageAt(), c.dispositionId(),
                c.dataSource().pairs(), c.reportServiceName(), mayPreview);
    }

    public DetailView detail(ConversationService.Detail d) {
        UUID conversationId = d.conversation().id();
        List<MessageView> messages = d.messages().stream()
                .map(m -> message(conversationId, m, d.attachments().getOrDefault(m.id(), List.of())))
                .toList();
        // The detail is only served to those who may read it (ConversationService.get refuses the others).
        return new DetailView(summary(d.conversation(), true), List.copyOf(d.queue()), messages);
    }

    private MessageView message(UUID conversationId, MailMessage m, List<Attachment> files) {
        String base = "/api/v1/conversations/" + conversationId;
        List<AttachmentView> attachments = files.stream()
                .map(a -> new AttachmentView(a.id(), a.fileName(), a.contentType(), a.size(), a.inlinePart(),
                        base + "/attachments/" + a.id()))
                .toList();
        String safeHtml = m.htmlBody() == null ? null : html.sanitize(m.htmlBody(), contentId -> files.stream()
                .filter(a -> contentId.equals(a.contentId()))
                .findFirst()
                .map(a -> base + "/attachments/" + a.id()));
        List<String> flags = m.flags().isEmpty() ? List.of() : Arrays.asList(m.flags().split(","));
        return new MessageView(m.id(), m.direction().name(), new AddressView(m.fromAddress(), m.fromName()),
                addresses(m.toAddresses()), addresses(m.ccAddresses()), m.subject(), m.sentAt(), m.receivedAt(),
                m.textBody(), safeHtml, flags, attachments, base + "/messages/" + m.id() + "/raw",
                m.deliveryStatus() == null ? null : m.deliveryStatus().name(), m.deliveryDetail(), m.customerAddressSource(),
                m.authenticationResults() == null ? List.of() : List.of(m.authenticationResults().split("\n")));
    }

    private List<AddressView> addresses(String stored) {
        try {
            List<Map<String, String>> list = json.readValue(stored, Argument.listOf(Argument.mapOf(String.class, String.class)));
            return list.stream().map(a -> new AddressView(a.get("address"), a.getOrDefault("name", ""))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
