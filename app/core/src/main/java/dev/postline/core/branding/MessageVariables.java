package dev.postline.core.branding;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * The values a signature, template, auto-reply or standard response may refer to as
 * {@code {{customer.name}}} and friends. Built by whoever renders a message; rendered (and
 * HTML-escaped) by the branding package.
 */
public record MessageVariables(
        UUID conversationId,
        @Nullable Long ticketNumber,
        String subject,
        String customerName,
        String customerAddress,
        @Nullable String agentName,
        @Nullable String agentEmail,
        String touchpointName,
        String touchpointAddress) {}
