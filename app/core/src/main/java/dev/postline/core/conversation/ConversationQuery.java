package dev.postline.core.conversation;

import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Filters and keyset position of a queue listing. The cursor is opaque to clients: the last
 * activity time and id of the last row of the previous page ({@link #after()}; empty on the first
 * page). A cursor this API did not hand out is a 400 naming {@code cursor}. {@code reportServiceKey}:
 * only conversations counted under this report service name (compared in lower case).
 */
public record ConversationQuery(
        @Nullable ConversationStatus status,
        @Nullable UUID touchpointId,
        String assignment,
        @Nullable Boolean unread,
        boolean blocked,
        @Nullable String reportServiceKey,
        Optional<Position> after,
        int limit) {

    public static final int MAX_LIMIT = 200;

    /** Where the previous page ended: the last row's activity time and id (rows strictly after it in queue order follow). */
    public record Position(Instant lastMessageAt, UUID id) {}

    public static ConversationQuery of(@Nullable ConversationStatus status, @Nullable UUID touchpointId,
                                       @Nullable String assignment, @Nullable Boolean unread, @Nullable Boolean blocked,
                                       @Nullable String reportService, @Nullable String cursor, @Nullable Integer limit) {
        String a = assignment == null ? "any" : assignment;
        if (!a.equals("any") && !a.equals("me") && !a.equals("unassigned")) {
            throw ApiException.invalid("assigned", "use me, unassigned or any");
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        return new ConversationQuery(status, touchpointId, a, unread, blocked != null && blocked, reportServiceKey(reportService),
                position(cursor), size);
    }

    private static Optional<Position> position(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            return Optional.of(new Position(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "not a cursor returned by this API (pass nextCursor of the previous page as it is)");
        }
    }

    /** Report service names are up to 200 characters (a display name stands in when none is set). */
    @Nullable
    private static String reportServiceKey(@Nullable String reportService) {
        if (reportService == null) {
            return null;
        }
        if (reportService.isBlank()) {
            throw ApiException.invalid("reportService", "must not be empty (leave it out to list every report service)");
        }
        InputCheck in = InputCheck.start();
        String name = in.optionalText("reportService", reportService, 200);
        in.orThrow();
        return name.toLowerCase(Locale.ROOT);
    }

    public static String cursorAfter(Conversation last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((last.lastMessageAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }
}
