package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.touchpoint.ConnectionState;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * A touchpoint's connection state as a badge: words an admin understands and a tone
 * ({@code ok}, {@code warn}, {@code bad}, {@code info}, {@code off}) that the style sheet colours.
 * The words are always present, so the colour never carries meaning alone.
 */
public record StatusBadge(String label, String tone, String explanation) {

    /** An EXPIRING badge counts the days left to {@code predictedEnd} when it is known. */
    public static StatusBadge of(ConnectionState state, @Nullable Instant predictedEnd, Instant now) {
        return switch (state) {
            case CONNECTED -> new StatusBadge("Connected", "ok", "Mail is being received.");
            case EXPIRING -> new StatusBadge(expiringLabel(predictedEnd, now), "warn", "The authorization ends soon: re-authenticate.");
            case CONNECTION_LOST -> new StatusBadge("Connection lost", "bad", "The mailbox has not answered for a while; retrying.");
            case EXPIRED -> new StatusBadge("Expired", "bad", "The mailbox refused the credential: set a new password.");
            case DISABLED -> new StatusBadge("Disabled", "off", "Deactivated by an admin: no mail is fetched or sent.");
            case PENDING -> new StatusBadge("Pending", "info", "Not connected yet: waiting for the first successful login.");
        };
    }

    private static String expiringLabel(@Nullable Instant predictedEnd, Instant now) {
        if (predictedEnd == null) {
            return "Expiring";
        }
        long hours = Duration.between(now, predictedEnd).toHours();
        long days = hours <= 0 ? 0 : (hours + 23) / 24; // a part of a day counts as a day: never claim less time than is left
        return days == 0 ? "Expiring today" : days == 1 ? "Expiring in 1 day" : "Expiring in " + days + " days";
    }
}
