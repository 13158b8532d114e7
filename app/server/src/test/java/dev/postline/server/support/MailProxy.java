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
 * It can also play a server that cannot serve one message ({@link #dropWhenBodyFetched}), as an
 * IMAP server does with a corrupt message file: the connection dies whenever that body is fetched.
 */
public final class MailProxy implements AutoCloseable {

    private static final Pattern LOGIN = Pattern.compile("(?m)^\\S+ (LOGIN|AUTHENTICATE) ", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_FETCH = Pattern.compile("(?m)^\\S+ UID FETCH ([0-9:,*]+) \\(([^\r\n]*)\\)",
            Pattern.CASE_INSENSITIVE);

    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;
    private volatile long unservableUid = -1;
    private final AtomicInteger unservedFetches = new AtomicInteger();

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

    /**
     * From now on, a client command that fetches the whole body ({@code BODY[]} / {@code BODY.PEEK[]} /
     * {@code RFC822}) of a set of UIDs containing {@code uid} cuts that connection before the server sees
     * the command. Headers and other messages are still served.
     */
    public void dropWhenBodyFetched(long uid) {
        unservableUid = uid;
    }

    /** How many connections were cut by {@link #dropWhenBodyFetched}. */
    public int unservedFetches() {
        return unservedFetches.get();
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
                    String sent = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    var matcher = LOGIN.matcher(sent);
                    while (matcher.find()) {
                        logins.incrementAndGet();
                    }
                    if (fetchesUnservableBody(sent)) {
                        unservedFetches.incrementAndGet();
                        return; // the finally block cuts both sides, as a crashing server process would
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

    private boolean fetchesUnservableBody(String sent) {
        long uid = unservableUid;
        if (uid < 0) {
            return false;
        }
        var matcher = BODY_FETCH.matcher(sent);
        while (matcher.find()) {
            String items = matcher.group(2).toUpperCase(java.util.Locale.ROOT);
            boolean wholeBody = items.contains("BODY[]") || items.contains("BODY.PEEK[]") || items.matches(".*\\bRFC822\\b(?!\\.).*");
            if (wholeBody && inSet(matcher.group(1), uid)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an IMAP sequence set such as {@code 3:7,9,12:*} contains {@code uid}. */
    static boolean inSet(String set, long uid) {
        for (String range : set.split(",")) {
            String[] ends = range.split(":");
            long a = ends[0].equals("*") ? Long.MAX_VALUE : Long.parseLong(ends[0]);
            long b = ends.length == 1 ? a : ends[1].equals("*") ? Long.MAX_VALUE : Long.parseLong(ends[1]);
            if (uid >= Math.min(a, b) && uid <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
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
