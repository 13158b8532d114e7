package dev.postline.core.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** A platform table: operators act outside every tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OperatorSessionRepository extends GenericRepository<OperatorSession, UUID> {

    Optional<OperatorSession> findById(UUID operatorId);

    OperatorSession save(OperatorSession session);

    @Query("UPDATE operator_session SET session_version = session_version + 1 WHERE operator_id = :operatorId")
    int updateSessionVersionIncrement(UUID operatorId);
}
