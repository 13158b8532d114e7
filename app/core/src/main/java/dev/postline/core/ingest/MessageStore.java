package dev.postline.core.ingest;

import dev.postline.core.conversation.Attachment;
import dev.postline.core.conversation.AttachmentRepository;
import dev.postline.core.conversation.Direction;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.MessageFlag;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Writes inbound messages and their attachments, and answers the dedupe questions. Runs in the tenant's transaction. */
@Singleton
public class MessageStore {

    private static final int MAX_SUBJECT = 1000;

    private final MailMessageRepository messages;
    private final AttachmentRepository attachments;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settings;
    private final JsonMapper json;

    public MessageStore(MailMessageRepository messages, AttachmentRepository attachments, TouchpointRepository touchpoints,
                        TouchpointSettingsCodec settings, JsonMapper json) {
        this.messages = messages;
        this.attachments = attachments;
        this.touchpoints = touchpoints;
        this.settings = settings;
        this.json = json;
    }

    /** Which of {@code providerIds} the touchpoint has stored messages of: one read for a batch. */
    List<String> knownProviderIds(TenantId tenant, UUID touchpointId, List<String> providerIds) {
        return providerIds.isEmpty() ? List.of()
                : messages.findProviderIdByTenantIdAndTouchpointIdAndProviderIdInList(tenant.value(), touchpointId, providerIds);
    }

    Map<String, String> settingsOf(Touchpoint touchpoint) {
        return settings.read(touchpoint.settings());
    }

    /** The tenant's own touchpoint addresses, lower-cased: mail from one is a loop or our own copy. */
    java.util.Set<String> ownAddresses(TenantId tenant) {
        return touchpoints.findByTenantIdOrderByNameKey(tenant.value()).stream()
                .map(t -> t.address().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    UUID save(TenantId tenant, Touchpoint touchpoint, UUID conversationId, InboundMail mail, String rawBlob,
              IncomingMail incoming, @Nullable String dedupeKey, Set<MessageFlag> flags, @Nullable String trustedAuthentication,
              Instant now) {
        UUID id = UUID.randomUUID();
        messages.save(new MailMessage(id, tenant.value(), conversationId, touchpoint.id(), Direction.INBOUND, mail.providerId(),
                incoming.messageId(), dedupeKey, incoming.from().address().toLowerCase(Locale.ROOT), truncate(incoming.from().name(), 200),
                addresses(incoming.to()), addresses(incoming.cc()), truncate(incoming.subject(), MAX_SUBJECT), incoming.sentAt(), now,
                incoming.text(), incoming.html(), rawBlob, mail.raw().length, IngestionPipeline.flagsText(flags), null, null, null,
                incoming.fromSource(), trustedAuthentication));
        List<IncomingMail.Part> parts = incoming.attachments();
        for (int i = 0; i < parts.size(); i++) {
            IncomingMail.Part part = parts.get(i);
            // No blob: the bytes are decoded from the raw message on demand (AttachmentContent).
            attachments.save(new Attachment(UUID.randomUUID(), tenant.value(), id, truncate(part.fileName(), 500),
                    truncate(part.contentType(), 200), part.size(), part.contentId(), part.inline(), null, i));
        }
        return id;
    }

    private String addresses(List<IncomingMail.Address> list) {
        try {
            // Every recipient, however many: the column is unbounded and the parser's limits bound the list.
            return json.writeValueAsString(list.stream().map(a -> Map.of("address", a.address(), "name", a.name())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text, int max) {
        String clean = text == null ? "" : text;
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

}
