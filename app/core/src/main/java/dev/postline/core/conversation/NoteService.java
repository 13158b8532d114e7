package dev.postline.core.conversation;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Internal notes: written by users who can see the conversation, or by the platform itself. */
@Singleton
public class NoteService {

    static final int MAX_LENGTH = 10_000;

    @Serdeable
    public record NewNote(String text) {}

    private final NoteRepository notes;
    private final ConversationService conversations;
    private final TenantTransactions tx;
    private final Clock clock;

    public NoteService(NoteRepository notes, ConversationService conversations, TenantTransactions tx, Clock clock) {
        this.notes = notes;
        this.conversations = conversations;
        this.tx = tx;
        this.clock = clock;
    }

    public Note add(Viewer viewer, UUID conversationId, NewNote request) {
        if (viewer.userId() == null) {
            throw ApiException.forbidden("notes are written by signed-in users");
        }
        InputCheck in = InputCheck.start();
        String text = request.text() == null ? null : request.text().strip();
        in.check(text != null && !text.isEmpty() && text.length() <= MAX_LENGTH, "text", "is required, at most " + MAX_LENGTH + " characters");
        in.orThrow();
        return tx.write(viewer.tenant(), () -> {
            conversations.requireVisible(viewer, conversationId);
            return notes.save(new Note(UUID.randomUUID(), viewer.tenant().value(), conversationId, viewer.userId(), text, clock.instant()));
        });
    }

    public List<Note> list(Viewer viewer, UUID conversationId) {
        return tx.read(viewer.tenant(), () -> {
            // Notes talk about the messages: reading them is previewing the conversation.
            conversations.requireReadable(viewer, conversationId, "read its notes");
            return notes.findByTenantIdAndConversationIdOrderByCreatedAt(viewer.tenant().value(), conversationId);
        });
    }

    /** A note by the platform (no author), inside the caller's tenant transaction. */
    public void addSystemNote(TenantId tenant, UUID conversationId, String text) {
        notes.save(new Note(UUID.randomUUID(), tenant.value(), conversationId, null,
                text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text, clock.instant()));
    }
}
