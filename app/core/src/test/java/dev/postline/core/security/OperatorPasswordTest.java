package dev.postline.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorPasswordTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void aPlainPasswordFromConfigurationMatchesItselfOnly() {
        OperatorPassword password = OperatorPassword.of(settings("operator-password-1", null), hasher);

        assertThat(password.configured()).isTrue();
        assertThat(password.matches("operator-password-1".toCharArray())).isTrue();
        assertThat(password.matches("operator-password-2".toCharArray())).isFalse();
        assertThat(password.matches("operator-password-1 ".toCharArray())).isFalse();
        assertThat(password.matches("".toCharArray())).isFalse();
    }

    @Test
    void aPlainPasswordComparesAllOfItsCharacters() {
        OperatorPassword password = OperatorPassword.of(settings("pässwörd-ünïcode-€", null), hasher);

        assertThat(password.matches("pässwörd-ünïcode-€".toCharArray())).isTrue();
        assertThat(password.matches("passwörd-ünïcode-€".toCharArray())).isFalse();
    }

    @Test
    void aConfiguredHashIsVerifiedAndWinsOverAPlainPassword() {
        String hash = hasher.hash("from-the-hash-1".toCharArray());
        OperatorPassword password = OperatorPassword.of(settings("from-the-plain-1", hash), hasher);

        assertThat(password.matches("from-the-hash-1".toCharArray())).isTrue();
        assertThat(password.matches("from-the-plain-1".toCharArray())).isFalse();
    }

    @Test
    void withNothingConfiguredNoPasswordMatches() {
        OperatorPassword password = OperatorPassword.of(settings(null, null), hasher);

        assertThat(password.configured()).isFalse();
        assertThat(password.matches("".toCharArray())).isFalse();
        assertThat(password.matches("anything-at-all".toCharArray())).isFalse();
    }

    private static OperatorSettings settings(String password, String hash) {
        OperatorSettings settings = new OperatorSettings();
        settings.setEmail("operator@platform.test");
        settings.setPassword(password);
        settings.setPasswordHash(hash);
        return settings;
    }
}
