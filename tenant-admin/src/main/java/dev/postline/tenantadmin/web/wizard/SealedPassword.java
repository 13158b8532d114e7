package dev.postline.tenantadmin.web.wizard;

import dev.postline.core.security.Caller;
import dev.postline.core.vault.SecretUnreadableException;
import dev.postline.core.vault.SecretVault;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Carries the mailbox password from the wizard's connection step to "create" without keeping
 * server state and without putting the password in the page: it travels as a vault ciphertext
 * bound to the tenant and the admin (another admin or tenant cannot open it) and expires after an
 * hour.
 */
@Singleton
public class SealedPassword {

    private static final String FIELD = "wizard-password";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final SecretVault vault;
    private final Clock clock;

    public SealedPassword(SecretVault vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    public String seal(Caller caller, String password) {
        String plaintext = clock.instant().plus(LIFETIME).getEpochSecond() + "\n" + password;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(vault.seal(caller.tenant(), caller.principalId(), FIELD, plaintext).ciphertext());
    }

    /** The password, or empty when absent, tampered with, another admin's, or expired. */
    public Optional<String> open(Caller caller, @Nullable String sealed) {
        if (sealed == null || sealed.isBlank()) {
            return Optional.empty();
        }
        try {
            String plaintext = vault.open(caller.tenant(), caller.principalId(), FIELD, Base64.getUrlDecoder().decode(sealed)).reveal();
            int newline = plaintext.indexOf('\n');
            Instant expires = Instant.ofEpochSecond(Long.parseLong(plaintext.substring(0, newline)));
            return expires.isAfter(clock.instant()) ? Optional.of(plaintext.substring(newline + 1)) : Optional.empty();
        } catch (SecretUnreadableException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
