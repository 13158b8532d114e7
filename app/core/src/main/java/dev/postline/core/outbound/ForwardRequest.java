package dev.postline.core.outbound;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * A forward of one message of the conversation ({@code messageId}, default: the latest inbound) to
 * {@code to} (required). The original goes quoted or as an .eml attachment, as the sending
 * touchpoint's {@code forwardMode} says.
 */
@Serdeable
public record ForwardRequest(@Nullable List<String> to, @Nullable List<String> cc, @Nullable List<String> bcc,
                             @Nullable String subject, @Nullable String text, @Nullable String html, @Nullable UUID messageId,
                             @Nullable List<UUID> attachments, @Nullable UUID touchpointId) {}
