package dev.postline.core.threading;

import dev.postline.core.conversation.MailMessage;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Only the address columns of a conversation's messages (no bodies): what the participant check reads. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MessageAddressRepository extends GenericRepository<MailMessage, UUID> {

    /** From, To and Cc of one message; To and Cc as the stored JSON arrays of {@code {address, name}}. */
    @Introspected
    record MessageAddresses(String fromAddress, String toAddresses, String ccAddresses) {}

    List<MessageAddresses> findByTenantIdAndConversationId(UUID tenantId, UUID conversationId);
}
