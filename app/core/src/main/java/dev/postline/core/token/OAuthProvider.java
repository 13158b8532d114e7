package dev.postline.core.token;

import dev.postline.core.touchpoint.ConnectorKind;
import java.util.Optional;

/** The OAuth authorization servers Postline holds grants from; one platform app per provider. */
public enum OAuthProvider {
    GOOGLE,
    MICROSOFT;

    /** The provider whose grant a touchpoint of this kind logs in with; empty for password kinds. */
    public static Optional<OAuthProvider> forKind(ConnectorKind kind) {
        return switch (kind) {
            case GMAIL -> Optional.of(GOOGLE);
            case GRAPH -> Optional.of(MICROSOFT);
            case IMAP, FORWARDING -> Optional.empty();
        };
    }
}
