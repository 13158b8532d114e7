package dev.postline.core.vault;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An encrypted secret as stored: never holds plaintext. */
@MappedEntity("secret")
public record SecretRecord(
        @Id UUID id, UUID tenantId, UUID ownerId, String field, long keyId, byte[] ciphertext, Instant updatedAt) {

    public SecretRecord resealed(SecretVault.Sealed sealed, Instant at) {
        return new SecretRecord(id, tenantId, ownerId, field, sealed.keyId(), sealed.ciphertext(), at);
    }

    @Override
    public String toString() {
        return "SecretRecord[" + tenantId + "/" + ownerId + "/" + field + ", key " + keyId + "]";
    }
}
