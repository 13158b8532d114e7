package dev.postline.core.consent;

import dev.postline.core.token.OAuthProvider;
import dev.postline.core.web.ApiException;
import io.micronaut.http.HttpStatus;

/** The consent flow's refusals: each says what happened and that nothing was changed. */
final class ConsentMessages {

    private ConsentMessages() {}

    static String name(OAuthProvider provider) {
        return provider == OAuthProvider.GOOGLE ? "Google" : "Microsoft";
    }

    static ApiException unknownState() {
        return new ApiException(HttpStatus.BAD_REQUEST, "this authorization is unknown, expired or was already used; "
                + "nothing was changed. Start the connection again from the touchpoint");
    }

    static ApiException foreignState() {
        return new ApiException(HttpStatus.FORBIDDEN, "this authorization was started in another admin session; "
                + "nothing was changed. Start the connection again from your own session");
    }

    static ApiException expired() {
        return new ApiException(HttpStatus.BAD_REQUEST, "this authorization took too long and expired; nothing was changed. "
                + "Start the connection again");
    }

    static ApiException wrongCallback(OAuthProvider started, OAuthProvider arrived) {
        return new ApiException(HttpStatus.BAD_REQUEST, "this authorization was started for " + name(started)
                + " but came back from " + name(arrived) + "; nothing was changed. Start the connection again");
    }

    static ApiException declined(OAuthProvider provider, String error) {
        boolean denied = "access_denied".equals(error);
        return new ApiException(HttpStatus.BAD_REQUEST, denied
                ? "the access was declined at " + name(provider) + " (access_denied); nothing was changed. Connect again and allow access"
                : name(provider) + " ended the authorization with an error (" + error + "); nothing was changed. Connect again");
    }
}
