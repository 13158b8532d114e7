package dev.postline.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.core.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretVaultTest {

    private final TenantId tenant = TenantId.of(UUID.randomUUID());
    private final UUID owner = UUID.randomUUID();
    private final SecretVault vault = new SecretVault(VaultKeysets.generate());

    @Test
    void sealedSecretsOpenOnlyUnderTheirTenantOwnerAndField() {
        byte[] sealed = vault.seal(tenant, owner, "password", "hunter2-hunter2").ciphertext();
        assertThat(vault.open(tenant, owner, "password", sealed).reveal()).isEqualTo("hunter2-hunter2");
        assertThatThrownBy(() -> vault.open(TenantId.of(UUID.randomUUID()), owner, "password", sealed))
                .isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> vault.open(tenant, UUID.randomUUID(), "password", sealed)).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> vault.open(tenant, owner, "refreshToken", sealed)).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        byte[] sealed = vault.seal(tenant, owner, "password", "value").ciphertext();
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(tenant, owner, "password", sealed)).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void aRotatedKeysetReadsOldSecretsAndSealsWithTheNewKey() {
        var original = VaultKeysets.generate();
        var rotated = VaultKeysets.rotate(original);
        var before = new SecretVault(original).seal(tenant, owner, "password", "old");
        SecretVault after = new SecretVault(rotated);
        assertThat(after.open(tenant, owner, "password", before.ciphertext()).reveal()).isEqualTo("old");
        assertThat(after.primaryKeyId()).isNotEqualTo(before.keyId());
        assertThat(after.seal(tenant, owner, "password", "new").keyId()).isEqualTo(after.primaryKeyId());
    }

    @Test
    void aSecretNeverPrintsItself() {
        assertThat(Secret.of("hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void theKeysetFileIsOwnerOnlyAndReusedOnceCreated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys").resolve("vault.json");
        assertThat(VaultKeysets.createIfMissing(file)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String first = Files.readString(file);
        assertThat(VaultKeysets.createIfMissing(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo(first);
        byte[] sealed = new SecretVault(VaultKeysets.read(file)).seal(tenant, owner, "f", "v").ciphertext();
        assertThat(new SecretVault(VaultKeysets.read(file)).open(tenant, owner, "f", sealed).reveal()).isEqualTo("v");
    }
}
