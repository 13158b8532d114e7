package dev.postline.core.conversation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AttachmentRepository extends GenericRepository<Attachment, UUID> {

    Attachment save(Attachment attachment);

    Optional<Attachment> findByTenantIdAndId(UUID tenantId, UUID id);

    List<Attachment> findByTenantIdAndMessageId(UUID tenantId, UUID messageId);

    List<Attachment> findByTenantIdAndMessageIdInList(UUID tenantId, Collection<UUID> messageIds);
}
