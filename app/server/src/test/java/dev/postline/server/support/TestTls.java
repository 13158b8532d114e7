package dev.postline.server.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.Ssl;

/**
 * One self-signed certificate for {@code localhost}, generated once per test JVM, served by every
 * mock-oauth2-server that stands in for Microsoft (MSAL accepts only https authorities) and trusted
 * by the application only through {@link TestAuthorityTrust}, and by the tests' own HTTP clients
 * through {@link #context()}.
 */
public final class TestTls {

    private static final Ssl SSL = new Ssl();
    private static final SSLContext CONTEXT = trusting(SSL);

    private TestTls() {}

    /** The HTTP server of a mock-oauth2-server that answers over TLS with the shared certificate. */
    public static MockWebServerWrapper server() {
        return new MockWebServerWrapper(SSL);
    }

    /** Trusts exactly the shared test certificate. */
    public static SSLContext context() {
        return CONTEXT;
    }

    private static SSLContext trusting(Ssl ssl) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(ssl.getSslKeystore().getKeyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test certificate", e);
        }
    }
}
