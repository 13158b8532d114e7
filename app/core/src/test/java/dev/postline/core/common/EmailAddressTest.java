package dev.postline.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"help@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie", "x@xn--bcher-kva.example"})
    void acceptsAddressesPeopleUse(String text) {
        assertThat(EmailAddress.of(text).value()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@exa mple.com",
            "a\r\n@example.com", "a@example.com\r\nBcc: x@evil.example", "a..b@example.com", ".a@example.com", "a@-example.com"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> EmailAddress.of(text)).isInstanceOf(EmailAddress.InvalidEmailAddressException.class);
    }

    @org.junit.jupiter.api.Test
    void domainIsLowerCasedAndTheNormalizedFormIgnoresCase() {
        EmailAddress address = EmailAddress.of("Help.Desk@Example.COM");
        assertThat(address.value()).isEqualTo("Help.Desk@example.com");
        assertThat(address.normalized()).isEqualTo("help.desk@example.com");
    }

    @org.junit.jupiter.api.Test
    void rejectsOverlongAddresses() {
        assertThatThrownBy(() -> EmailAddress.of("a".repeat(250) + "@example.com")).isInstanceOf(IllegalArgumentException.class);
    }
}
