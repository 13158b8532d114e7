package dev.postline.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.FailureKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefreshErrorsTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "MICROSOFT | 400 | invalid_grant        | AADSTS700082: expired due to inactivity  | AUTH_REVOKED",
            "MICROSOFT | 400 | invalid_grant        | AADSTS50173: grant revoked               | AUTH_REVOKED",
            "MICROSOFT | 400 | interaction_required | AADSTS50076: MFA required                | AUTH_REVOKED",
            "GOOGLE    | 400 | invalid_grant        | Token has been expired or revoked.       | AUTH_REVOKED",
            "GOOGLE    | 400 | invalid_grant        | -                                        | AUTH_REVOKED",
            "MICROSOFT | 401 | invalid_client       | AADSTS7000222: client secret expired     | AUTH_TRANSIENT",
            "GOOGLE    | 503 | -                    | -                                        | AUTH_TRANSIENT",
            "GOOGLE    | 429 | rate_limit_exceeded  | -                                        | AUTH_TRANSIENT",
            "MICROSOFT | 500 | server_error         | AADSTS90033: transient                   | AUTH_TRANSIENT"})
    void failuresAreClassifiedByTheProvidersDocumentedErrors(OAuthProvider provider, int status, String error, String description,
                                                             FailureKind expected) {
        assertThat(RefreshErrors.classify(provider, status, error, description).kind()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'<script>x</script>'", "'invalid_grant\r\nX-Injected: 1'"})
    void serverTextReachesTheReasonOnlyAsASafeCode(String error) {
        String reason = RefreshErrors.classify(OAuthProvider.GOOGLE, 400, error, "secret-ish description").getMessage();

        assertThat(reason).doesNotContain("<").doesNotContain("\r").doesNotContain("\n").doesNotContain("description");
    }
}
