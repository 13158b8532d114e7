package dev.postline.core.conversation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NoteRepository extends GenericRepository<Note, UUID> {

    Note save(Note note);

    List<Note> findByTenantIdAndConversationIdOrderByCreatedAt(UUID tenantId, UUID conversationId);
}
