package dev.postline.core.vault;

/** A ciphertext that does not open under its tenant, owner and field, or under any known key. */
public class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String message) {
        super(message);
    }
}
