package dev.postline.core.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import dev.postline.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Seals and opens secrets with AES-256-GCM (Tink AEAD). The associated data binds a ciphertext to
 * its tenant, owner and field: copied to another row or tenant, it no longer opens.
 */
public final class SecretVault {

    private static final String CONTEXT = "postline-secret-v1";

    private final KeysetHandle keyset;
    private final Aead aead;

    public SecretVault(KeysetHandle keyset) {
        this.keyset = keyset;
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the vault keyset holds no usable AEAD key", e);
        }
    }

    /** A ciphertext and the id of the key that made it (kept in a column to find rows to re-encrypt). */
    public record Sealed(long keyId, byte[] ciphertext) {}

    public long primaryKeyId() {
        return Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    public Sealed seal(TenantId tenant, UUID ownerId, String field, String plaintext) {
        try {
            byte[] ciphertext = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(tenant, ownerId, field));
            return new Sealed(primaryKeyId(), ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public Secret open(TenantId tenant, UUID ownerId, String field, byte[] ciphertext) {
        try {
            return Secret.of(new String(aead.decrypt(ciphertext, associatedData(tenant, ownerId, field)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Deliberately vague: the cause is a wrong binding, a tampered row or a retired key.
            throw new SecretUnreadableException("secret '" + field + "' cannot be decrypted for this owner");
        }
    }

    private static byte[] associatedData(TenantId tenant, UUID ownerId, String field) {
        return String.join("\u0000", CONTEXT, tenant.toString(), ownerId.toString(), field).getBytes(StandardCharsets.UTF_8);
    }
}
