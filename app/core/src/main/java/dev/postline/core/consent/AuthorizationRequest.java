package dev.postline.core.consent;

import dev.postline.core.token.OAuthClient;
import dev.postline.core.token.OAuthProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The authorization request (RFC 6749 §4.1.1 + RFC 7636 §4.3) the admin's browser is sent to. */
final class AuthorizationRequest {

    private AuthorizationRequest() {}

    static URI uri(OAuthClient client, String state, String challenge, List<String> scopes) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", client.redirectUri().toString()); // exactly as registered, from configuration
        query.put("scope", String.join(" ", scopes));
        query.put("state", state);
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        if (client.provider() == OAuthProvider.GOOGLE) {
            query.put("access_type", "offline"); // a refresh token
            query.put("prompt", "consent");      // … every time, also on re-authentication
            query.put("include_granted_scopes", "false");
        } else {
            query.put("response_mode", "query");
            query.put("prompt", "select_account");
        }
        String base = client.authorizationUri().toString();
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return URI.create(base + (base.contains("?") ? "&" : "?") + encoded);
    }
}
