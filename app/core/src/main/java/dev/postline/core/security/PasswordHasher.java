package dev.postline.core.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256, the slow hash of the JDK (no extra crypto dependency). The iteration count
 * is stored in each hash, so raising {@code postline.security.password-iterations} strengthens new
 * hashes without breaking old ones. Default 600,000 (OWASP 2023 guidance for this function).
 */
@Singleton
public class PasswordHasher {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 200;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    // Verified against when the user does not exist, so a login takes as long either way.
    private final String decoy;

    public PasswordHasher(@Value("${postline.security.password-iterations:600000}") int iterations) {
        this.iterations = iterations;
        // Random bytes in place of a derived hash: verifying against it costs the same full derivation and
        // matches no password, and making it costs nothing (a real hash here cost every start ~0.3 s).
        this.decoy = encode(randomBytes(SALT_BYTES), randomBytes(HASH_BITS / 8));
    }

    public String hash(char[] password) {
        byte[] salt = randomBytes(SALT_BYTES);
        return encode(salt, derive(password, salt, iterations));
    }

    private String encode(byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    public boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    /** Spends the same time as a real verification; used when there is no account to check. */
    public void verifyDecoy(char[] password) {
        verify(password, decoy);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
