package dev.postline.core.outbound;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * A reply or reply-all as the API takes it. Addresses are {@code jane@example.com} or
 * {@code Jane Doe <jane@example.com>}; {@code to} defaults to the customer (reply-all adds the
 * answered message's other recipients); {@code subject} defaults to "Re: " + the conversation's;
 * {@code attachments} are upload ids of the caller; {@code touchpointId} is the address to send
 * from (default: the conversation's).
 */
@Serdeable
public record ComposeRequest(@Nullable List<String> to, @Nullable List<String> cc, @Nullable List<String> bcc,
                             @Nullable String subject, @Nullable String text, @Nullable String html,
                             @Nullable List<UUID> attachments, @Nullable UUID touchpointId) {}
