package dev.postline.core.vault;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;

@Factory
class SecretVaultFactory {

    @Singleton
    SecretVault secretVault(VaultSettings settings) {
        if (settings.getKeyset() != null && !settings.getKeyset().isBlank()) {
            return new SecretVault(VaultKeysets.parse(settings.getKeyset()));
        }
        if (settings.getKeysetFile() != null) {
            return new SecretVault(VaultKeysets.read(Path.of(settings.getKeysetFile())));
        }
        throw new IllegalStateException(
                "No vault key configured: set POSTLINE_VAULT_KEYSET_FILE (or POSTLINE_VAULT_KEYSET); "
                        + "the embedded default creates one in the data folder");
    }
}
