package dev.postline.connectors.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between a connector and its server double that can break connections on demand, for
 * any protocol (IMAP, HTTP). Cutting after a number of server-to-client bytes makes "the connection
 * dropped in the middle of a batch" reproducible without timing tricks.
 */
public final class FaultyLink implements AutoCloseable {

    private static final long DISARMED = Long.MAX_VALUE;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesUntilCut = new AtomicLong(DISARMED);

    public FaultyLink(InetSocketAddress target) {
        this.target = target;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("faulty-link-accept").start(this::acceptLoop);
    }

    /** The port connectors should use instead of the double's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** After {@code bytes} more bytes flow from server to client, every connection is cut. */
    public void cutAfterServerBytes(long bytes) {
        bytesUntilCut.set(bytes);
    }

    /** Cuts every open connection now. New connections still work. */
    public void cutAll() {
        bytesUntilCut.set(DISARMED);
        open.forEach(FaultyLink::closeQuietly);
        open.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, false));
                Thread.ofVirtual().start(() -> pump(server, client, true));
            } catch (IOException e) {
                // listener closed or target down: the client sees a dropped connection, which is the point
            }
        }
    }

    private void pump(Socket from, Socket to, boolean serverToClient) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (serverToClient && bytesUntilCut.addAndGet(-n) < 0) {
                    out.write(buffer, 0, n / 2);
                    out.flush();
                    cutAll();
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away; close the other below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cutAll();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
