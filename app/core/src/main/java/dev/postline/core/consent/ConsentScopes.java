package dev.postline.core.consent;

import dev.postline.core.token.OAuthProvider;
import java.util.List;
import java.util.Set;

/**
 * What Postline asks each provider for. {@link #required} are the mail permissions a connector
 * cannot work without (reading, sending, a refresh token); the identity scopes are asked too, but a
 * missing one does not block (the mailbox is read from the API itself).
 */
final class ConsentScopes {

    static final String GMAIL_MODIFY = "https://www.googleapis.com/auth/gmail.modify";
    static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";

    private ConsentScopes() {}

    static List<String> requested(OAuthProvider provider) {
        return switch (provider) {
            case GOOGLE -> List.of("openid", "email", GMAIL_MODIFY, GMAIL_SEND);
            case MICROSOFT -> List.of("openid", "email", "offline_access", "Mail.ReadWrite", "Mail.Send", "User.Read");
        };
    }

    /**
     * Compared without case: Microsoft answers {@code Mail.ReadWrite} in any case and may prefix
     * {@code https://graph.microsoft.com/}; {@code offline_access} is proven by the refresh token, not by the scope list.
     */
    static Set<String> required(OAuthProvider provider) {
        return switch (provider) {
            case GOOGLE -> Set.of(GMAIL_MODIFY, GMAIL_SEND);
            case MICROSOFT -> Set.of("mail.readwrite", "mail.send", "user.read");
        };
    }

    static String normalize(OAuthProvider provider, String scope) {
        if (provider == OAuthProvider.MICROSOFT) {
            String s = scope.toLowerCase(java.util.Locale.ROOT);
            return s.startsWith("https://graph.microsoft.com/") ? s.substring("https://graph.microsoft.com/".length()) : s;
        }
        return scope;
    }
}
