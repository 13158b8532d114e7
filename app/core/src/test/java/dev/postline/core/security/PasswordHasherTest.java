package dev.postline.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery".toCharArray());
        assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY".toCharArray(), hash)).isFalse();
    }

    @Test
    void saltsEveryHashAndRecordsItsCost() {
        String a = hasher.hash("same password".toCharArray());
        String b = hasher.hash("same password".toCharArray());
        assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256$1000$").doesNotContain("same password");
    }

    @Test
    void hashesMadeWithAnotherCostStillVerify() {
        String cheap = hasher.hash("moving on up".toCharArray());
        assertThat(new PasswordHasher(2000).verify("moving on up".toCharArray(), cheap)).isTrue();
    }

    @Test
    void rejectsMalformedHashes() {
        assertThat(hasher.verify("x".toCharArray(), "plaintext")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "md5$1$a$b")).isFalse();
    }
}
