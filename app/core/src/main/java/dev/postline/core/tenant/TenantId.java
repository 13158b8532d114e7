package dev.postline.core.tenant;

import java.util.Objects;
import java.util.UUID;

/**
 * The tenant a call acts for. Every service and repository call takes one explicitly; only the
 * web edge derives it, from the authenticated caller (see {@code dev.postline.core.security.Caller}).
 */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(UUID value) {
        return new TenantId(value);
    }

    /** Parses a tenant id from text; rejects anything that is not a UUID. */
    public static TenantId parse(String text) {
        try {
            return new TenantId(UUID.fromString(Objects.requireNonNull(text, "tenant id")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a tenant id: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
