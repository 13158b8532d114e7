package dev.postline.core.vault;

import java.util.Objects;

/** A decrypted secret. {@link #toString()} is redacted, so it cannot slip into a log line. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plaintext. Call it only where the secret is handed to the party that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "<secret>";
    }
}
