package dev.postline.core.security;

import io.micronaut.core.annotation.Nullable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The platform operator's configured password, checked at the cost of one PBKDF2 derivation whichever way
 * it was configured, as a tenant user's is. {@code POSTLINE_OPERATOR_PASSWORD_HASH} is verified like any
 * stored hash. A plain {@code POSTLINE_OPERATOR_PASSWORD} is compared in constant time after a decoy
 * derivation: hashing it at start, as before, cost every start a full derivation and protected nothing,
 * because the plain password stays in this process's configuration anyway.
 */
final class OperatorPassword {

    private final PasswordHasher hasher;
    @Nullable private final String hash;
    private final byte @Nullable [] plainDigest;

    private OperatorPassword(PasswordHasher hasher, @Nullable String hash, byte @Nullable [] plainDigest) {
        this.hasher = hasher;
        this.hash = hash;
        this.plainDigest = plainDigest;
    }

    /** The hash when one is configured, else the plain password, else none (no operator can sign in). */
    static OperatorPassword of(OperatorSettings settings, PasswordHasher hasher) {
        if (settings.getPasswordHash() != null) {
            return new OperatorPassword(hasher, settings.getPasswordHash(), null);
        }
        if (settings.getPassword() != null) {
            return new OperatorPassword(hasher, null, digest(settings.getPassword().toCharArray()));
        }
        return new OperatorPassword(hasher, null, null);
    }

    boolean configured() {
        return hash != null || plainDigest != null;
    }

    /** Whether {@code secret} is the operator's password; costs one derivation even when none is configured. */
    boolean matches(char[] secret) {
        if (hash != null) {
            return hasher.verify(secret, hash);
        }
        hasher.verifyDecoy(secret);
        return plainDigest != null && MessageDigest.isEqual(plainDigest, digest(secret));
    }

    /** SHA-256 of the UTF-8 bytes: equal lengths for {@link MessageDigest#isEqual}, whatever the passwords' lengths. */
    private static byte[] digest(char[] password) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
        }
    }
}
