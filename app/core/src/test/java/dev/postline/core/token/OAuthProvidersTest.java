package dev.postline.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OAuthProvidersTest {

    @Test
    void aProviderWithNothingConfiguredIsNotOfferedAndSaysWhichKeysAreMissing() {
        OAuthProviders providers = new OAuthProviders(new GoogleOAuthSettings(), new MicrosoftOAuthSettings());

        ProviderStatus google = providers.status(OAuthProvider.GOOGLE);
        assertThat(google.configured()).isFalse();
        assertThat(google.problems()).containsExactly("postline.oauth.google.client-id is missing",
                "postline.oauth.google.client-secret is missing", "postline.oauth.google.redirect-uri is missing");
        assertThat(google.explanation()).contains("Google").contains("client-id is missing");
        assertThat(providers.client(OAuthProvider.GOOGLE)).isEmpty();
        assertThat(providers.status(OAuthProvider.MICROSOFT).problems()).containsExactly(
                "postline.oauth.microsoft.client-id is missing", "postline.oauth.microsoft.client-secret is missing",
                "postline.oauth.microsoft.redirect-uri is missing");
    }

    @Test
    void aCompleteGoogleAppIsOfferedWithItsPublishingStatus() {
        GoogleOAuthSettings google = google();
        google.setPublishingStatus("Production");

        OAuthClient client = new OAuthProviders(google, new MicrosoftOAuthSettings()).client(OAuthProvider.GOOGLE).orElseThrow();

        assertThat(client.googleTesting()).isFalse();
        assertThat(client.tokenUri()).hasToString(GoogleOAuthSettings.DEFAULT_TOKEN_URI);
        assertThat(client.clientSecret().reveal()).isEqualTo("g-secret-value");
    }

    @Test
    void anUnknownPublishingStatusOrABadUrlIsAProblemNamingTheKey() {
        GoogleOAuthSettings google = google();
        google.setPublishingStatus("beta");
        google.setTokenUri("not a url");

        ProviderStatus status = new OAuthProviders(google, new MicrosoftOAuthSettings()).status(OAuthProvider.GOOGLE);

        assertThat(status.problems()).containsExactly("postline.oauth.google.token-uri is not a valid URL",
                "postline.oauth.google.publishing-status must be testing or production");
    }

    @Test
    void microsoftEndpointsAreBuiltFromAuthorityAndTenantUnlessOverridden() {
        MicrosoftOAuthSettings ms = new MicrosoftOAuthSettings();
        ms.setClientId("app-id");
        ms.setClientSecret("ms-secret-value");
        ms.setRedirectUri("https://postline.example.com/oauth/microsoft/callback");

        OAuthClient client = new OAuthProviders(new GoogleOAuthSettings(), ms).client(OAuthProvider.MICROSOFT).orElseThrow();

        assertThat(client.tokenUri()).hasToString("https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
        assertThat(client.authority()).contains("https://login.microsoftonline.com/organizations");
        ms.setTokenUri("http://127.0.0.1:9999/ms/token");
        assertThat(new OAuthProviders(new GoogleOAuthSettings(), ms).client(OAuthProvider.MICROSOFT).orElseThrow().tokenUri())
                .hasToString("http://127.0.0.1:9999/ms/token");
    }

    @Test
    void secretsNeverAppearInPrintedConfiguration() {
        GoogleOAuthSettings google = google();
        MicrosoftOAuthSettings ms = new MicrosoftOAuthSettings();
        ms.setClientSecret("ms-secret-value");
        OAuthClient client = new OAuthProviders(google, ms).client(OAuthProvider.GOOGLE).orElseThrow();

        assertThat(google.toString() + ms + client).doesNotContain("g-secret-value").doesNotContain("ms-secret-value");
    }

    private static GoogleOAuthSettings google() {
        GoogleOAuthSettings google = new GoogleOAuthSettings();
        google.setClientId("g-client.apps.googleusercontent.com");
        google.setClientSecret("g-secret-value");
        google.setRedirectUri("https://postline.example.com/oauth/google/callback");
        return google;
    }
}
