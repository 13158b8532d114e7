package dev.postline.core.notification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One notification mail to one admin: a row of the durable notification outbox. */
@MappedEntity("notification_email")
public record NotificationEmail(
        @Id UUID id,
        UUID tenantId,
        UUID notificationId,
        String recipient,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastError,
        Instant createdAt,
        Instant updatedAt) {

    public enum Status {
        QUEUED,
        SENDING,
        SENT,
        FAILED
    }

    NotificationEmail with(Status newStatus, int newAttempts, Instant next, @Nullable String error, Instant at) {
        return new NotificationEmail(id, tenantId, notificationId, recipient, newStatus, newAttempts, next, error, createdAt, at);
    }
}
