package dev.postline.connectors.graph.auth;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.util.Optional;

/**
 * One touchpoint's MSAL token cache for one call: MSAL reads the touchpoint's serialized cache
 * before it touches its in-memory cache and hands back the changed cache afterwards, which the core
 * seals in the vault with the tokens. Never shared between calls, so no touchpoint ever sees
 * another's tokens.
 */
final class TouchpointTokenCache implements ITokenCacheAccessAspect {

    private volatile String serialized;

    TouchpointTokenCache(Optional<String> serialized) {
        this.serialized = serialized.filter(s -> !s.isBlank()).orElse(null);
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
        if (serialized != null) {
            context.tokenCache().deserialize(serialized);
        }
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
        if (context.hasCacheChanged()) {
            serialized = context.tokenCache().serialize();
        }
    }

    /** The cache as it stands after the call (the one handed in if MSAL did not change it). */
    Optional<String> current() {
        return Optional.ofNullable(serialized);
    }

    @Override
    public String toString() {
        return "TouchpointTokenCache[" + (serialized == null ? "empty" : "<redacted>") + "]";
    }
}
