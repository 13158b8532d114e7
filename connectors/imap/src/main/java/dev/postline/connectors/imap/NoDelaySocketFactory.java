package dev.postline.connectors.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm off. IMAP APPEND sends a literal after the server's
 * continuation and then a lone CRLF; with Nagle on, that CRLF waits for the ACK the server delays
 * (about 40 ms on Linux), for every stored copy. Like {@link HostnameSslSocketFactory}, it only
 * hands out unconnected sockets: Angus connects them to the checked address.
 */
final class NoDelaySocketFactory extends SocketFactory {

    static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        return socket;
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
        return new SocketException("only unconnected sockets are handed out");
    }
}
