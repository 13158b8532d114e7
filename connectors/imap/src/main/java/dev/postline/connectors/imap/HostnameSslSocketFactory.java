package dev.postline.connectors.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Layers TLS over a socket that is already connected to the address {@link dev.postline.connectors.api.HostPolicy}
 * checked, while sending SNI and verifying the certificate for the tenant's host name.
 *
 * <p>Angus Mail is given the checked IP literal as host (so it cannot resolve the name again) and
 * passes that literal to {@link #createSocket(Socket, String, int, boolean)}; we substitute the host
 * name there. Angus then switches on endpoint identification ({@code mail.*.ssl.checkserveridentity}),
 * which JSSE performs against this name. Methods that would open their own connection are refused,
 * so nothing can bypass the checked address.
 */
final class HostnameSslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final String hostname;

    HostnameSslSocketFactory(SSLSocketFactory delegate, String hostname) {
        this.delegate = delegate;
        this.hostname = hostname;
    }

    @Override
    public Socket createSocket(Socket connected, String ignoredHost, int port, boolean autoClose) throws IOException {
        connected.setTcpNoDelay(true); // see NoDelaySocketFactory
        return delegate.createSocket(connected, hostname, port, autoClose);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        throw refused();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw refused();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw refused();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw refused();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw refused();
    }

    private static SocketException refused() {
        return new SocketException("only layering over a checked connection is allowed");
    }
}
