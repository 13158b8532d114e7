package dev.postline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain TCP relay on 127.0.0.1 in front of a server that counts what the server would see:
 * connections accepted, connections open now and, for IMAP, the LOGIN / AUTHENTICATE commands and IDLE
 * commands clients sent (plain text only: the bytes are read as they pass); other protocols get the
 * client's bytes through a listener (e.g. to count HTTP request lines). Counting on the wire, outside the
 * connector, is what makes the figures honest.
 */
final class CountingRelay implements AutoCloseable {

    private static final Pattern LOGIN = Pattern.compile("(?mi)^\\S+ (LOGIN|AUTHENTICATE) ");
    private static final Pattern IDLE = Pattern.compile("(?mi)^\\S+ IDLE\\r?$");

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong idles = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final Consumer<String> clientText;

    CountingRelay(InetSocketAddress target) throws IOException {
        this(target, text -> { });
    }

    /** {@code clientText} sees each chunk the clients send, as ISO-8859-1 text, on the relay's threads. */
    CountingRelay(InetSocketAddress target, Consumer<String> clientText) throws IOException {
        this.target = target;
        this.clientText = clientText;
        this.listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("counting-relay").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    long accepted() {
        return accepted.get();
    }

    long logins() {
        return logins.get();
    }

    /** IDLE commands clients sent: one per wait cycle. */
    long idles() {
        return idles.get();
    }

    int open() {
        return open.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                accepted.incrementAndGet();
                open.incrementAndGet();
                Thread.ofVirtual().start(() -> {
                    try {
                        pump(client, server, true);
                    } finally {
                        open.decrementAndGet();
                    }
                });
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees a dropped connection
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (fromClient) {
                    String sent = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    count(LOGIN, sent, logins);
                    count(IDLE, sent, idles);
                    clientText.accept(sent);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void count(Pattern pattern, String text, AtomicLong counter) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            counter.incrementAndGet();
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
