package dev.postline.core.vault;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the vault's Tink keyset comes from: inline JSON ({@code POSTLINE_VAULT_KEYSET}) or a file
 * ({@code POSTLINE_VAULT_KEYSET_FILE}). The embedded default creates a file (mode 0600) in the
 * data folder on first run. The keyset may hold several keys: the primary encrypts, all decrypt.
 */
@ConfigurationProperties("postline.vault")
public class VaultSettings {

    @Nullable private String keyset;
    @Nullable private String keysetFile;

    @Nullable public String getKeyset() { return keyset; }
    public void setKeyset(@Nullable String keyset) { this.keyset = keyset; }
    @Nullable public String getKeysetFile() { return keysetFile; }
    public void setKeysetFile(@Nullable String keysetFile) { this.keysetFile = keysetFile; }

    @Override
    public String toString() {
        return "VaultSettings[keysetFile=" + keysetFile + ", keyset=<redacted>]";
    }
}
