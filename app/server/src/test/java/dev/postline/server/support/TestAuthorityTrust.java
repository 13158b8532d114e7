package dev.postline.server.support;

import dev.postline.core.token.OAuthAuthorityTrust;
import jakarta.inject.Singleton;
import javax.net.ssl.SSLSocketFactory;

/**
 * The test seam of the token path: MSAL trusts the local authorization servers' certificate
 * ({@link TestTls}), and only that one. Production has no such bean.
 */
@Singleton
public class TestAuthorityTrust implements OAuthAuthorityTrust {

    @Override
    public SSLSocketFactory socketFactory() {
        return TestTls.context().getSocketFactory();
    }
}
