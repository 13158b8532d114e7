package dev.postline.core.ringgroup;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RingGroupMemberRepository extends GenericRepository<RingGroupMember, UUID> {

    RingGroupMember save(RingGroupMember member);

    List<RingGroupMember> findByTenantIdAndRingGroupId(UUID tenantId, UUID ringGroupId);

    List<RingGroupMember> findByTenantIdAndUserId(UUID tenantId, UUID userId);

    boolean existsByTenantIdAndRingGroupIdAndUserId(UUID tenantId, UUID ringGroupId, UUID userId);

    int deleteByTenantIdAndRingGroupIdAndUserId(UUID tenantId, UUID ringGroupId, UUID userId);
}
