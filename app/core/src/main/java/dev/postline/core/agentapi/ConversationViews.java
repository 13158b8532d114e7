package dev.postline.core.agentapi;

import dev.postline.core.conversation.Attachment;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.ingest.HtmlRendering;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.threading.ConversationMention;
import dev.postline.core.threading.ConversationMentions;
import dev.postline.core.touchpoint.DataSourcePair;
import dev.postline.core.web.ApiException;
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
     * "claim it to read it" — the detail would answer 403. {@code mentions}: the conversations the
     * mail that started it referred to without being allowed to join them ("mentions #1079", see
     * ThreadingRule); usually empty. {@code version} grows with every change of status, assignee or
     * disposition; sending it back with a change ({@code "version": n}) makes the change apply only to
     * that state (409 otherwise).
     */
    @Serdeable
    public record Summary(UUID id, long number, UUID touchpointId, String subject, String customerAddress, String customerName,
                          String status, boolean blocked, @Nullable UUID assignedUserId, boolean unread,
                          Instant createdAt, Instant lastMessageAt, @Nullable UUID dispositionId,
                          List<DataSourcePair> dataSource, @Nullable String reportServiceName, boolean mayPreview,
                          List<MentionView> mentions, long version) {}

    /** "Mentions #{@code number}": a link to another conversation of the tenant (which the caller may or may not see). */
    @Serdeable
    public record MentionView(UUID conversationId, long number) {}

    @Serdeable
    public record PageView(List<Summary> items, @Nullable String nextCursor) {}

    @Serdeable
    public record AddressView(String address, String name) {}

    @Serdeable
    public record AttachmentView(UUID id, String fileName, String contentType, long size, boolean inline, String url) {}

    /**
     * One message. {@code to} and {@code cc} hold at most {@link #RECIPIENTS_SHOWN} addresses each;
     * {@code toTotal} and {@code ccTotal} say how many there are, and the recipients endpoint pages
     * through all of them.
     */
    @Serdeable
    public record MessageView(UUID id, String direction, AddressView from, List<AddressView> to, int toTotal,
                              List<AddressView> cc, int ccTotal, String subject, @Nullable Instant sentAt, Instant receivedAt, @Nullable String text,
                              @Nullable String html, List<String> flags, List<AttachmentView> attachments, String rawUrl,
                              @Nullable String deliveryStatus, @Nullable String deliveryDetail,
                              @Nullable String customerAddressSource, List<String> authenticationResults) {}

    /** One page of a message's {@code to} or {@code cc}; {@code nextOffset} is null on the last page. */
    @Serdeable
    public record RecipientPage(String field, List<AddressView> items, int total, int offset, @Nullable Integer nextOffset) {}

    @Serdeable
    public record NoteView(UUID id, @Nullable UUID authorUserId, String text, Instant createdAt) {}

    public static NoteView note(dev.postline.core.conversation.Note n) {
        return new NoteView(n.id(), n.authorUserId(), n.body(), n.createdAt());
    }

    @Serdeable
    public record DetailView(Summary conversation, List<UUID> queue, List<MessageView> messages) {}

    /** Recipients per field in a message as listed: enough for any page, bounded for a mail to thousands. */
    public static final int RECIPIENTS_SHOWN = 100;
    public static final int MAX_RECIPIENT_PAGE = 1000;

    private final HtmlRendering html;
    private final JsonMapper json;
    private final PreviewPermissions previews;
    private final ConversationMentions mentions;

    public ConversationViews(HtmlRendering html, JsonMapper json, PreviewPermissions previews, ConversationMentions mentions) {
        this.html = html;
        this.json = json;
        this.previews = previews;
        this.mentions = mentions;
    }

    /** The conversation as the viewer gets it back, with whether they may read its content now. */
    public Summary summary(Viewer viewer, Conversation c) {
        return summary(c, previews.previewable(viewer).test(c), mentionsOf(viewer.tenant(), List.of(c)));
    }

    /** Many conversations for one viewer: their touchpoints' preview settings in one query, the mentions in one query. */
    public List<Summary> summaries(Viewer viewer, List<Conversation> conversations) {
        var previewable = previews.previewable(viewer, conversations);
        var links = mentionsOf(viewer.tenant(), conversations);
        return conversations.stream().map(c -> summary(c, previewable.test(c), links)).toList();
    }

    private static Summary summary(Conversation c, boolean mayPreview, Map<UUID, List<ConversationMention>> links) {
        List<MentionView> mentioned = links.getOrDefault(c.id(), List.of()).stream()
                .map(m -> new MentionView(m.mentionedConversationId(), m.mentionedNumber())).toList();
        return new Summary(c.id(), c.number(), c.touchpointId(), c.subject(), c.customerAddress(), c.customerName(),
                c.status().name(), c.blocked(), c.assignedUserId(), c.unread(), c.createdAt(), c.lastMessageAt(), c.dispositionId(),
                c.dataSource().pairs(), c.reportServiceName(), mayPreview, mentioned, c.version());
    }

    private Map<UUID, List<ConversationMention>> mentionsOf(TenantId tenant, List<Conversation> conversations) {
        return mentions.of(tenant, conversations.stream().map(Conversation::id).toList());
    }

    public DetailView detail(ConversationService.Detail d) {
        UUID conversationId = d.conversation().id();
        List<MessageView> messages = d.messages().stream()
                .map(m -> message(conversationId, m, d.attachments().getOrDefault(m.id(), List.of())))
                .toList();
        // The detail is only served to those who may read it (ConversationService.get refuses the others).
        return new DetailView(summary(d.conversation(), true,
                mentionsOf(TenantId.of(d.conversation().tenantId()), List.of(d.conversation()))), List.copyOf(d.queue()), messages);
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
        List<AddressView> to = addresses(m.toAddresses());
        List<AddressView> cc = addresses(m.ccAddresses());
        return new MessageView(m.id(), m.direction().name(), new AddressView(m.fromAddress(), m.fromName()),
                first(to), to.size(), first(cc), cc.size(), m.subject(), m.sentAt(), m.receivedAt(),
                m.textBody(), safeHtml, flags, attachments, base + "/messages/" + m.id() + "/raw",
                m.deliveryStatus() == null ? null : m.deliveryStatus().name(), m.deliveryDetail(), m.customerAddressSource(),
                m.authenticationResults() == null ? List.of() : List.of(m.authenticationResults().split("\n")));
    }

    /**
     * {@code limit} recipients of {@code field} ("to" or "cc") from {@code offset}, in header order.
     * Bad paging is a 400 naming the parameter.
     */
    public RecipientPage recipients(MailMessage m, @Nullable String field, @Nullable Integer offset, @Nullable Integer limit) {
        String name = field == null ? "to" : field;
        List<AddressView> all = switch (name) {
            case "to" -> addresses(m.toAddresses());
            case "cc" -> addresses(m.ccAddresses());
            default -> throw ApiException.invalid("field", "must be to or cc");
        };
        int from = offset == null ? 0 : offset;
        int size = limit == null ? 500 : limit;
        if (from < 0) {
            throw ApiException.invalid("offset", "must be 0 or more");
        }
        if (size < 1 || size > MAX_RECIPIENT_PAGE) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_RECIPIENT_PAGE);
        }
        int end = (int) Math.min((long) from + size, all.size());
        List<AddressView> items = from >= all.size() ? List.of() : all.subList(from, end);
        return new RecipientPage(name, List.copyOf(items), all.size(), from, end < all.size() ? end : null);
    }

    private static List<AddressView> first(List<AddressView> all) {
        return all.size() <= RECIPIENTS_SHOWN ? all : List.copyOf(all.subList(0, RECIPIENTS_SHOWN));
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
