package dev.postline.core.outbound;

import dev.postline.mail.MailAddress;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/**
 * An outbound message as the agent asked for it, every field checked ({@link Compositions}):
 * addresses parsed and valid, no control characters in the subject. {@code to} empty means the
 * default for the kind.
 */
public record Composition(OutboundKind kind, UUID conversationId, List<MailAddress> to, List<MailAddress> cc, List<MailAddress> bcc,
                          @Nullable String subject, @Nullable String text, @Nullable String html, List<UUID> uploadIds,
                          @Nullable UUID touchpointId, @Nullable UUID forwardMessageId) {}
