package dev.postline.core.token;

import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS trust for the providers' authorities when it is not the JVM's trust store. A seam for
 * tests only: they run a local authorization server with a self-signed certificate (MSAL accepts
 * only https authorities) and register a bean that trusts exactly that certificate. Production
 * registers none, and the provider libraries use the JVM's trust store; there is no "trust all".
 */
public interface OAuthAuthorityTrust {

    SSLSocketFactory socketFactory();
}
