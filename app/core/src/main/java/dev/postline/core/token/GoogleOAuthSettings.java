package dev.postline.core.token;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The platform's Google OAuth app ({@code postline.oauth.google.*}). {@code publishingStatus} is the
 * consent screen's status in the Google Cloud console: in {@code testing} Google ends every grant
 * after 7 days, so the token lifecycle predicts that; unset counts as {@code testing}, the cautious
 * assumption (an early re-authentication notice beats a silent outage).
 */
@ConfigurationProperties("postline.oauth.google")
public class GoogleOAuthSettings {

    public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    public static final String DEFAULT_AUTHORIZATION_URI = "https://accounts.google.com/o/oauth2/v2/auth";

    private String clientId;
    private String clientSecret;
    private String redirectUri;
    private String tokenUri = DEFAULT_TOKEN_URI;
    private String authorizationUri = DEFAULT_AUTHORIZATION_URI;
    private String publishingStatus = "testing";

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getRedirectUri() { return redirectUri; }
    public void setRedirectUri(String redirectUri) { this.redirectUri = redirectUri; }
    public String getTokenUri() { return tokenUri; }
    public void setTokenUri(String tokenUri) { this.tokenUri = tokenUri; }
    public String getAuthorizationUri() { return authorizationUri; }
    public void setAuthorizationUri(String authorizationUri) { this.authorizationUri = authorizationUri; }
    public String getPublishingStatus() { return publishingStatus; }
    public void setPublishingStatus(String publishingStatus) { this.publishingStatus = publishingStatus; }

    @Override
    public String toString() {
        return "GoogleOAuthSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "<redacted>")
                + ", redirectUri=" + redirectUri + ", tokenUri=" + tokenUri + ", publishingStatus=" + publishingStatus + "]";
    }
}
