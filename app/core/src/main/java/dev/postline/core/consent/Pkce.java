package dev.postline.core.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** PKCE (RFC 7636) with S256, and the random one-time values of the flow. */
final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {}

    /** 32 random bytes, base64url: 43 characters, inside RFC 7636's 43–128 for a verifier. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    /** {@code BASE64URL(SHA256(verifier))}, the S256 challenge. */
    static String challenge(String verifier) {
        return URL.encodeToString(sha256(verifier));
    }

    /** What is stored of a state or a session token: its SHA-256, hex. */
    static String hash(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
