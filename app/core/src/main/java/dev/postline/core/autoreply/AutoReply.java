package dev.postline.core.autoreply;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A touchpoint's auto-reply. {@code htmlBody} is stored sanitised; {@code subject} empty means "Re: " + the customer's subject. */
@MappedEntity("auto_reply")
public record AutoReply(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        String subject,
        @Nullable String htmlBody,
        @Nullable String textBody,
        boolean active,
        int perSenderHours,
        Instant updatedAt) {}
