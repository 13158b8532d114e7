package dev.postline.core.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every method takes the tenant: there is deliberately no unscoped lookup. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends GenericRepository<UserAccount, UUID> {

    UserAccount save(UserAccount user);

    UserAccount update(UserAccount user);

    Optional<UserAccount> findByTenantIdAndId(UUID tenantId, UUID id);

    /** Reads the row and locks it until the transaction ends, so a change and a sign-out cannot overwrite each other. */
    Optional<UserAccount> findByTenantIdAndIdForUpdate(UUID tenantId, UUID id);

    /** Ends every session of the user (sign-out); 0 when there is no such user. */
    @Query("UPDATE user_account SET session_version = session_version + 1 WHERE tenant_id = :tenantId AND id = :id")
    int updateSessionVersionIncrement(UUID tenantId, UUID id);

    Optional<UserAccount> findByTenantIdAndEmailKey(UUID tenantId, String emailKey);

    boolean existsByTenantIdAndEmailKey(UUID tenantId, String emailKey);

    List<UserAccount> findByTenantIdOrderByEmailKey(UUID tenantId);

    List<UserAccount> findByTenantIdAndRoleOrderByEmailKey(UUID tenantId, Role role);

    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
