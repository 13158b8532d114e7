package dev.postline.core.draft;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * A draft's whole content as the API takes it (create, and autosave = full replace). {@code kind}
 * is reply (default), reply-all or forward; {@code messageId} is the message a forward forwards;
 * {@code version} is required when saving: the version the client last saw.
 */
@Serdeable
public record DraftInput(@Nullable String kind, @Nullable List<String> to, @Nullable List<String> cc, @Nullable List<String> bcc,
                         @Nullable String subject, @Nullable String text, @Nullable String html, @Nullable List<UUID> attachments,
                         @Nullable UUID touchpointId, @Nullable UUID messageId, @Nullable Long version) {}
