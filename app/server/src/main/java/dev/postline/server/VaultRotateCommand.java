package dev.postline.server;

import dev.postline.core.vault.VaultKeysets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./postline vault-rotate FILE}: adds a fresh AES-256-GCM key to a keyset file and makes it
 * primary. Restart the nodes, then call {@code POST /api/v1/operator/vault/reencrypt}; when it
 * reports 0, old keys may be removed from the file.
 */
public final class VaultRotateCommand {

    private VaultRotateCommand() {}

    public static void main(String[] args) {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: ./postline vault-rotate <keyset file>  (e.g. data/vault-keyset.json)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        var rotated = VaultKeysets.rotate(VaultKeysets.read(file));
        VaultKeysets.write(file, rotated);
        System.out.println("New primary key " + Integer.toUnsignedLong(rotated.getPrimary().getId()) + " added to " + file
                + ". Restart Postline, then POST /api/v1/operator/vault/reencrypt.");
    }
}
