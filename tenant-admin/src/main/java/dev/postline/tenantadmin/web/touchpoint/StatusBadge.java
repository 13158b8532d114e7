package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.touchpoint.ConnectionState;

/**
 * A touchpoint's connection state as a badge: words an admin understands and a tone
 * ({@code ok}, {@code warn}, {@code bad}, {@code info}, {@code off}) that the style sheet colours.
 * The words are always present, so the colour never carries meaning alone.
 */
public record StatusBadge(String label, String tone, String explanation) {

    public static StatusBadge of(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> new StatusBadge("Connected", "ok", "Mail is being received.");
            case EXPIRING -> new StatusBadge("Expiring", "warn", "The authorization ends soon: re-authenticate.");
            case CONNECTION_LOST -> new StatusBadge("Connection lost", "bad", "The mailbox has not answered for a while; retrying.");
            case EXPIRED -> new StatusBadge("Expired", "bad", "The mailbox refused the credential: set a new password.");
            case DISABLED -> new StatusBadge("Disabled", "off", "Deactivated by an admin: no mail is fetched or sent.");
            case PENDING -> new StatusBadge("Pending", "info", "Not connected yet: waiting for the first successful login.");
        };
    }
}
