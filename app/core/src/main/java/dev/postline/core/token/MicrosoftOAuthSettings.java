package dev.postline.core.token;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The platform's Microsoft Entra app registration ({@code postline.oauth.microsoft.*}). The
 * endpoints are {@code {authority}/{tenant}/oauth2/v2.0/token|authorize}; {@code authorization-uri}
 * overrides the authorize redirect. Codes and refreshes go through MSAL when connectors/graph is on
 * the classpath (the runnable server): MSAL talks to {@link #authorityUrl()} (https only) and
 * ignores {@code token-uri}, which only the plain OAuth route uses (docs/adr/0004).
 * {@code tenant} is {@code organizations} by default: work and school accounts of any directory.
 */
@ConfigurationProperties("postline.oauth.microsoft")
public class MicrosoftOAuthSettings {

    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";
    public static final String DEFAULT_TENANT = "organizations";

    private String clientId;
    private String clientSecret;
    private String redirectUri;
    private String authority = DEFAULT_AUTHORITY;
    private String tenant = DEFAULT_TENANT;
    private String tokenUri;
    private String authorizationUri;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getRedirectUri() { return redirectUri; }
    public void setRedirectUri(String redirectUri) { this.redirectUri = redirectUri; }
    public String getAuthority() { return authority; }
    public void setAuthority(String authority) { this.authority = authority; }
    public String getTenant() { return tenant; }
    public void setTenant(String tenant) { this.tenant = tenant; }
    public String getTokenUri() { return tokenUri; }
    public void setTokenUri(String tokenUri) { this.tokenUri = tokenUri; }
    public String getAuthorizationUri() { return authorizationUri; }
    public void setAuthorizationUri(String authorizationUri) { this.authorizationUri = authorizationUri; }

    /** The authority URL MSAL and the endpoints are built from: {@code {authority}/{tenant}}. */
    public String authorityUrl() {
        String base = authority == null ? "" : authority.replaceAll("/+$", "");
        return base + "/" + tenant;
    }

    public String effectiveTokenUri() {
        return blank(tokenUri) ? authorityUrl() + "/oauth2/v2.0/token" : tokenUri;
    }

    public String effectiveAuthorizationUri() {
        return blank(authorizationUri) ? authorityUrl() + "/oauth2/v2.0/authorize" : authorizationUri;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "MicrosoftOAuthSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "<redacted>")
                + ", redirectUri=" + redirectUri + ", authority=" + authority + ", tenant=" + tenant + "]";
    }
}
