package dev.postline.connectors.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscription as the provider confirmed it.
 *
 * @param id        the provider's subscription id; notifications name it
 * @param expiresAt when the provider drops it unless it is renewed
 */
public record ChangeSubscription(String id, Instant expiresAt) {

    public ChangeSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
