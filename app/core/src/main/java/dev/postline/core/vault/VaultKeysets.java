package dev.postline.core.vault;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/** Creating, reading, writing and rotating the vault's keyset (AES-256-GCM keys). */
public final class VaultKeysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private VaultKeysets() {}

    public static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a vault key", e);
        }
    }

    /** Adds a fresh key and makes it primary; older keys stay to decrypt until re-encryption. */
    public static KeysetHandle rotate(KeysetHandle current) {
        try {
            return KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rotate the vault keyset", e);
        }
    }

    public static KeysetHandle parse(String json) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the vault keyset is not a valid Tink JSON keyset", e);
        }
    }

    public static String toJson(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize the vault keyset", e);
        }
    }

    public static KeysetHandle read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vault keyset file " + file, e);
        }
    }

    /** Writes atomically with owner-only permissions, so the key never sits world-readable. */
    public static void write(Path file, KeysetHandle handle) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, toJson(handle), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the vault keyset file " + file, e);
        }
    }

    /** Creates the keyset file if it is missing; returns true when it created one. */
    public static boolean createIfMissing(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        try {
            write(file, generate());
            return true;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileAlreadyExistsException) {
                return false;
            }
            throw e;
        }
    }
}
