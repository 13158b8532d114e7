package dev.postline.core.autoreply;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AutoReplyRepository extends GenericRepository<AutoReply, UUID> {

    AutoReply save(AutoReply autoReply);

    AutoReply update(AutoReply autoReply);

    Optional<AutoReply> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
