package dev.postline.core.touchpoint;

import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * An IMAP touchpoint may not be set to sign in with OAuth (XOAUTH2): Postline offers provider consent
 * only to Gmail and Microsoft 365 touchpoints, so such a touchpoint could never get a grant and would
 * stay unconnected. Touchpoints stored that way before keep working with the grant they have.
 */
public final class ImapOAuthRefusal {

    static final String AUTH = "auth";
    static final String XOAUTH2 = "xoauth2";

    private ImapOAuthRefusal() {
    }

    /** @param before the stored settings of an edit, or null on create */
    public static void check(InputCheck in, ConnectorKind kind, Map<String, String> settings, @Nullable Map<String, String> before) {
        boolean wanted = kind == ConnectorKind.IMAP && XOAUTH2.equals(settings.get(AUTH));
        boolean already = before != null && XOAUTH2.equals(before.get(AUTH));
        if (wanted && !already) {
            in.fail("settings." + AUTH, "OAuth sign-in (xoauth2) is not available for IMAP touchpoints: Postline cannot obtain "
                    + "the provider's grant for them. Sign in with a password (an app password), or connect Gmail or Microsoft 365 "
                    + "with their own sign-in instead.");
        }
    }
}
