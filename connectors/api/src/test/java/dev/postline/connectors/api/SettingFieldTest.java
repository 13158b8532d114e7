package dev.postline.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingFieldTest {

    @Test
    void passwordFieldsShouldAlwaysBeSecret() {
        assertThat(SettingField.of("password", "Password", "", SettingType.PASSWORD, false).secret()).isTrue();
    }

    @Test
    void enumFieldWithoutChoicesShouldBeRejected() {
        assertThatThrownBy(() -> SettingField.of("tls", "TLS", "", SettingType.ENUM, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enumFieldShouldKeepItsChoicesInOrder() {
        SettingField field = new SettingField("tls", "TLS", "", SettingType.ENUM, true, false, "implicit",
                List.of("implicit", "starttls", "plain"));

        assertThat(field.allowedValues()).containsExactly("implicit", "starttls", "plain");
        assertThat(field.defaultValueIfAny()).contains("implicit");
    }

    @Test
    void throttledFailureShouldCarryItsRetryAfterAndOthersShouldNot() {
        assertThat(ConnectorException.throttled("slow down", java.time.Duration.ofSeconds(30)).retryAfter())
                .contains(java.time.Duration.ofSeconds(30));
        assertThat(new ConnectorException(FailureKind.NETWORK, "down").retryAfter()).isEmpty();
    }
}
