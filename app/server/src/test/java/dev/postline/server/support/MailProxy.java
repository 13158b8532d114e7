package dev.postline.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of a mail server that plays "the server is down" ({@link #down()}: open
 * connections are cut, new ones closed at once) and counts the logins clients attempt (IMAP
 * {@code LOGIN} / {@code AUTHENTICATE} commands), so a test can tell a retry storm from a stop.
 */
public final class MailProxy implements AutoCloseable {

    private static final Pattern LOGIN = Pattern.compile("(?m)^\\S+ (LOGIN|AUTHENTICATE) ", Pattern.CASE_INSENSITIVE);

    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;

    public MailProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("mail-proxy").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int logins() {
        return logins.get();
    }

    /** Connections closed at once because the server was "down": the reconnect attempts a client made meanwhile. */
    public int refusedWhileDown() {
        return refused.get();
    }

    /** The server "stops": every connection is cut and new ones are closed at once. */
    public void down() {
        down = true;
        cutAll();
    }

    public void up() {
        down = false;
    }

    /** Drops every open connection (as a server does when it ends sessions), staying up. */
    public void cutAll() {
        open.forEach(MailProxy::closeQuietly);
        open.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    closeQuietly(client);
                    refused.incrementAndGet();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException e) {
                // closed, or the target refused: the client sees a dropped connection
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (fromClient) {
                    var matcher = LOGIN.matcher(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    while (matcher.find()) {
                        logins.incrementAndGet();
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        down = true;
        closeQuietly(listener);
        cutAll();
    }
}
