package dev.postline.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.web.InputCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue #13 item 20: whose Authentication-Results a touchpoint believes. */
class AuthservTrustTest {

    private static AuthservTrust platform(String... ids) {
        InboundTrustSettings settings = new InboundTrustSettings();
        settings.setTrustedAuthservIds(List.of(ids));
        return new AuthservTrust(settings);
    }

    @Test
    void withNothingConfiguredNoAuthservIdIsTrustedExceptGmailsOwn() {
        assertThat(platform().ours(ConnectorKind.IMAP, Map.of("preset", "custom"))).isEmpty();
        assertThat(platform().ours(ConnectorKind.GRAPH, Map.of())).as("Microsoft writes no authserv-id").isEmpty();
        assertThat(platform().ours(ConnectorKind.IMAP, Map.of("preset", "office365"))).isEmpty();
        assertThat(platform().ours(ConnectorKind.GMAIL, Map.of())).containsExactly("mx.google.com");
        assertThat(platform().ours(ConnectorKind.IMAP, Map.of("preset", "gmail"))).containsExactly("mx.google.com");
    }

    @Test
    void thePlatformsIdsAddToTheTouchpointsWhichReplaceTheProviderDefault() {
        AuthservTrust trust = platform(" MX.Gateway.example ", "");
        assertThat(trust.ours(ConnectorKind.IMAP, Map.of())).containsExactly("mx.gateway.example");
        assertThat(trust.ours(ConnectorKind.GMAIL, Map.of(AuthservTrust.SETTING, "mx.acme.example, Relay.Acme.example")))
                .containsExactlyInAnyOrder("mx.gateway.example", "mx.acme.example", "relay.acme.example");
        assertThat(platform().ours(ConnectorKind.GMAIL, Map.of(AuthservTrust.SETTING, ""))).as("explicitly none").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx.example.com; dkim=pass", "mx example", "mx.example.com,(comment)", "-mx.example"})
    void aMalformedSettingIsRefusedAtSaveTime(String value) {
        InputCheck in = InputCheck.start();
        AuthservTrust.check(in, Map.of(AuthservTrust.SETTING, value));
        assertThat(in.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("settings.trustedAuthservIds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx.example.com", "mx.example.com, mx2.example.com", ""})
    void aWellFormedSettingIsAccepted(String value) {
        InputCheck in = InputCheck.start();
        AuthservTrust.check(in, Map.of(AuthservTrust.SETTING, value));
        assertThat(in.ok()).isTrue();
    }
}
