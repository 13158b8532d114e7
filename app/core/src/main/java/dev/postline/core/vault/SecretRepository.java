package dev.postline.core.vault;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SecretRepository extends GenericRepository<SecretRecord, UUID> {

    SecretRecord save(SecretRecord record);

    SecretRecord update(SecretRecord record);

    Optional<SecretRecord> findByTenantIdAndOwnerIdAndField(UUID tenantId, UUID ownerId, String field);

    List<SecretRecord> findByTenantIdAndOwnerId(UUID tenantId, UUID ownerId);

    List<SecretRecord> findByTenantIdAndKeyIdNotEqual(UUID tenantId, long keyId);

    int deleteByTenantIdAndOwnerId(UUID tenantId, UUID ownerId);

    int deleteByTenantIdAndOwnerIdAndField(UUID tenantId, UUID ownerId, String field);
}
