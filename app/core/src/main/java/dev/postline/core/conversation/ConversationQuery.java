package dev.postline.core.conversation;

import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Filters and keyset position of a queue listing. The cursor is opaque to clients: the last
 * activity time and id of the last row of the previous page. {@code reportServiceKey}: only
 * conversations counted under this report service name (compared in lower case).
 */
public record ConversationQuery(
        @Nullable ConversationStatus status,
        @Nullable UUID touchpointId,
        String assignment,
        @Nullable Boolean unread,
        boolean blocked,
        @Nullable String reportServiceKey,
        Instant beforeAt,
        UUID beforeId,
        int limit) {

    public static final int MAX_LIMIT = 200;
    private static final UUID MAX_ID = new UUID(-1L, -1L);

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
        Instant at = Instant.ofEpochSecond(253402300799L); // year 9999: "from the newest"
        UUID id = MAX_ID;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                at = Instant.parse(parts[0]);
                id = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ApiException.invalid("cursor", "not a cursor returned by this API");
            }
        }
        return new ConversationQuery(status, touchpointId, a, unread, blocked != null && blocked, reportServiceKey(reportService),
                at, id, size);
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
