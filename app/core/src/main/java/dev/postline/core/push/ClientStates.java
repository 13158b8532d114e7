package dev.postline.core.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The client state of a subscription: 256 random bits that the provider echoes in every notification.
 * Only its SHA-256 is stored (a fast hash is enough for a random secret of this size); a presented value
 * is compared by hash in constant time, so neither the table nor the timing gives it away.
 */
final class ClientStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientStates() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String clientState) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clientState.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String presented, String storedHash) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
