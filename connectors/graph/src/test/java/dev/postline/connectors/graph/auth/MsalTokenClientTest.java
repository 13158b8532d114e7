package dev.postline.connectors.graph.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.oauth.CodeRedemption;
import dev.postline.connectors.api.oauth.PlatformApp;
import dev.postline.connectors.api.oauth.ProviderTokenClient;
import dev.postline.connectors.api.oauth.ProviderTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MSAL token client against mock-oauth2-server over TLS, as an OIDC authority: the consent's
 * code (PKCE) redeemed through MSAL, refreshes through {@code RefreshTokenParameters} with the
 * touchpoint's cache going in and out, rotation read back from the cache, and every failure
 * classified without a token in the reason.
 */
class MsalTokenClientTest {

    static final TlsAuthorizationServer ENTRA = new TlsAuthorizationServer();
    static final URI REDIRECT = URI.create("https://postline.example.com/oauth/callback/microsoft");
    static final Set<String> SCOPES = Set.of("openid", "email", "offline_access", "Mail.ReadWrite", "Mail.Send", "User.Read");
    static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-0123456789";

    final ProviderTokenClient client = new MsalTokenClient();
    PlatformApp app;

    @BeforeEach
    void app() {
        app = new PlatformApp("postline-client", "postline-secret-canary", ENTRA.authority(), ENTRA.tokenUri(),
                Duration.ofSeconds(10), Optional.of(ENTRA.trust()));
        ENTRA.tokenRequests();
    }

    @AfterAll
    static void stop() {
        ENTRA.close();
    }

    @Test
    void theClientIsFoundThroughServiceLoaderForMicrosoft() {
        assertThat(ServiceLoader.load(ProviderTokenClient.class)).anySatisfy(c -> assertThat(c.provider()).isEqualTo("microsoft"));
    }

    @Test
    void aConsentCodeIsRedeemedThroughMsal_withPkce_andTheTokensAndTheCacheComeBack() throws Exception {
        String code = ENTRA.authorize("postline-client", REDIRECT, VERIFIER, "support@contoso.example");
        ENTRA.tokenRequests();

        ProviderTokens tokens = client.redeemCode(app, new CodeRedemption(code, VERIFIER, REDIRECT, SCOPES), Optional.empty());

        assertThat(tokens.accessToken()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(tokens.expiresIn()).isBetween(Duration.ofMinutes(50), Duration.ofMinutes(61));
        assertThat(tokens.refreshToken()).isPresent();
        // mock-oauth2-server's answer names no scope: the core then counts the requested ones as granted (RFC 6749 §5.1).
        assertThat(tokens.scopes()).isEmpty();
        assertThat(tokens.tokenCache().orElseThrow()).contains("\"RefreshToken\"").contains(tokens.refreshToken().get());
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken().get());
        assertThat(ENTRA.tokenRequests()).singleElement().asString().contains("grant_type=authorization_code")
                .contains("code_verifier=" + VERIFIER).contains("client_id=postline-client")
                .contains("scope=User.Read+openid+profile+offline_access+Mail.ReadWrite+email+Mail.Send");
    }

    @Test
    void theScopesAndTheRotatedRefreshTokenOfAnswerWithoutIdTokenAreReported() throws Exception {
        ProviderTokens consented = consent("scopes@contoso.example");
        ENTRA.script(200, "{\"token_type\":\"Bearer\",\"access_token\":\"at-scripted\",\"expires_in\":600,"
                + "\"refresh_token\":\"rt-scripted\",\"scope\":\"https://graph.microsoft.com/Mail.ReadWrite "
                + "https://graph.microsoft.com/Mail.Send https://graph.microsoft.com/User.Read\"}");

        ProviderTokens refreshed = client.redeemRefreshToken(app, consented.refreshToken().orElseThrow(), SCOPES, consented.tokenCache());

        assertThat(refreshed.accessToken()).isEqualTo("at-scripted");
        assertThat(refreshed.expiresIn()).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(refreshed.refreshToken()).contains("rt-scripted");
        assertThat(refreshed.scopes().orElseThrow()).contains("https://graph.microsoft.com/Mail.ReadWrite");
        assertThat(refreshed.tokenCache().orElseThrow()).contains("rt-scripted");
    }

    @Test
    void aRefreshGoesThroughMsalWithTheTouchpointsCache_andTheRotatedRefreshTokenIsReadBackFromIt() throws Exception {
        ProviderTokens consented = consent("sales@contoso.example");
        String firstRefresh = consented.refreshToken().orElseThrow();

        ProviderTokens refreshed = client.redeemRefreshToken(app, firstRefresh, SCOPES, consented.tokenCache());

        assertThat(refreshed.accessToken()).isNotEqualTo(consented.accessToken());
        String rotated = refreshed.refreshToken().orElseThrow(() -> new AssertionError("the rotation was not reported"));
        assertThat(rotated).isNotEqualTo(firstRefresh);
        assertThat(refreshed.tokenCache().orElseThrow()).contains(rotated).doesNotContain(firstRefresh);
        assertThat(ENTRA.tokenRequests()).singleElement().asString().contains("grant_type=refresh_token")
                .contains("refresh_token=" + firstRefresh);

        // The cache round-trips: the next refresh starts from what the last one handed back.
        ProviderTokens again = client.redeemRefreshToken(app, rotated, SCOPES, refreshed.tokenCache());
        assertThat(again.refreshToken()).isPresent().get().isNotEqualTo(rotated);
        assertThat(again.tokenCache().orElseThrow()).contains(again.refreshToken().get()).doesNotContain(rotated);
    }

    @Test
    void aRefreshWithoutACacheStillWorks_andStartsOne() throws Exception {
        ProviderTokens consented = consent("nocache@contoso.example");

        ProviderTokens refreshed = client.redeemRefreshToken(app, consented.refreshToken().orElseThrow(), SCOPES, Optional.empty());

        assertThat(refreshed.tokenCache().orElseThrow()).contains(refreshed.refreshToken().orElseThrow());
    }

    @Test
    void aRefreshTokenTheServerDoesNotKnowIsRevoked() {
        assertThatThrownBy(() -> client.redeemRefreshToken(app, "rt-never-issued-canary", SCOPES, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED);
                    assertThat(e.getMessage()).contains("invalid_grant").doesNotContain("canary");
                });
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', value = {
            "400 | invalid_grant        | AADSTS700082: The refresh token has expired due to inactivity.        | AUTH_REVOKED   | AADSTS700082",
            "400 | invalid_grant        | AADSTS50173: The provided grant has expired due to it being revoked.  | AUTH_REVOKED   | AADSTS50173",
            "400 | interaction_required | AADSTS50076: MFA required rt-canary                                   | AUTH_REVOKED   | interaction_required",
            "401 | invalid_client       | AADSTS7000215: Invalid client secret provided.                        | AUTH_TRANSIENT | invalid_client",
            "503 | temporarily_unavailable | AADSTS90033: transient                                             | AUTH_TRANSIENT | 503"})
    void theProvidersAnswersAreClassified_withoutTheirTextOrATokenInTheReason(int status, String error, String description,
                                                                           FailureKind kind, String reason) throws Exception {
        ProviderTokens consented = consent("classified@contoso.example");
        ENTRA.script(status, TlsAuthorizationServer.error(error, description));

        assertThatThrownBy(() -> client.redeemRefreshToken(app, consented.refreshToken().orElseThrow(), SCOPES, consented.tokenCache()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains(reason).doesNotContain("canary").doesNotContain("inactivity")
                            .doesNotContain(consented.refreshToken().get());
                });
        assertThat(ENTRA.tokenRequests()).as("one request: MSAL's own retry is off, the token service retries").hasSize(1);
    }

    @Test
    void aBareServerErrorIsTransient_withItsStatusButNotItsBody() throws Exception {
        ProviderTokens consented = consent("bare@contoso.example");
        ENTRA.script(503, "{\"error\":\"temporarily_unavailable\",\"trace\":\"rt-canary\"}");

        assertThatThrownBy(() -> client.redeemRefreshToken(app, consented.refreshToken().orElseThrow(), SCOPES, consented.tokenCache()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.AUTH_TRANSIENT);
                    assertThat(e.getMessage()).contains("503").doesNotContain("canary").doesNotContain("trace");
                });
    }

    @Test
    void anUnreachableAuthorityIsTransient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PlatformApp offline = new PlatformApp("postline-client", "secret", URI.create("https://localhost:" + closed + "/entra"),
                URI.create("https://localhost:" + closed + "/entra/token"), Duration.ofSeconds(2), Optional.of(ENTRA.trust()));

        assertThatThrownBy(() -> client.redeemRefreshToken(offline, "rt", SCOPES, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_TRANSIENT));
    }

    @Test
    void anAuthorityWhoseCertificateIsNotTrustedIsTransient_msalIsNeverToldToTrustAll() {
        PlatformApp untrusted = new PlatformApp("postline-client", "secret", ENTRA.authority(), ENTRA.tokenUri(),
                Duration.ofSeconds(5), Optional.empty());

        assertThatThrownBy(() -> client.redeemRefreshToken(untrusted, "rt", SCOPES, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_TRANSIENT));
    }

    @Test
    void aPlainHttpAuthorityIsRefusedWithAReasonForTheOperator() {
        PlatformApp plain = new PlatformApp("postline-client", "secret", URI.create("http://localhost:1/entra"),
                URI.create("http://localhost:1/entra/token"), Duration.ofSeconds(2), Optional.empty());

        assertThatThrownBy(() -> client.redeemRefreshToken(plain, "rt", SCOPES, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.AUTH_TRANSIENT);
                    assertThat(e.getMessage()).contains("https");
                });
    }

    @Test
    void theScopesMsalAddsItselfAreNotPassedTwice() {
        assertThat(MsalTokenClient.msalScopes(SCOPES)).containsExactly("Mail.ReadWrite", "Mail.Send", "User.Read", "email");
    }

    private ProviderTokens consent(String user) throws Exception {
        String code = ENTRA.authorize("postline-client", REDIRECT, VERIFIER, user);
        ENTRA.tokenRequests();
        ProviderTokens tokens = client.redeemCode(app, new CodeRedemption(code, VERIFIER, REDIRECT, SCOPES), Optional.empty());
        ENTRA.tokenRequests();
        return tokens;
    }
}
