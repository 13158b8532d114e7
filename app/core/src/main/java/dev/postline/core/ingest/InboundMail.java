package dev.postline.core.ingest;

import io.micronaut.core.annotation.Nullable;

/**
 * One fetched message as the pipeline receives it: the provider's id, the raw RFC 5322 bytes,
 * and the serialized cursor just after it (null when the caller does not advance a cursor, e.g.
 * reprocessing from quarantine).
 */
public record InboundMail(String providerId, byte[] raw, @Nullable String cursorAfter) {}
