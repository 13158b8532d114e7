package dev.postline.connectors.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A TCP relay between a connector and its server double that can break connections on demand, for
 * any protocol (IMAP, HTTP). Cutting after a number of server-to-client bytes makes "the connection
 * dropped in the middle of a batch" reproducible without timing tricks; acting when the client sends
 * a given command makes "something happened just before the server saw this command" reproducible too.
 */
public final class FaultyLink implements AutoCloseable {

    private static final long DISARMED = Long.MAX_VALUE;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesUntilCut = new AtomicLong(DISARMED);
    private final AtomicReference<Trigger> beforeClientSends = new AtomicReference<>();
    private volatile Predicate<String> cutWhenClientSends = sent -> false;
    private volatile Consumer<String> clientSendsListener = sent -> { };
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger clientsOpen = new AtomicInteger();

    private record Trigger(byte[] marker, Runnable action) {
    }

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

    /**
     * The next time a client sends bytes containing {@code marker} (ASCII, e.g. {@code " IDLE\r\n"}),
     * runs {@code action} before those bytes are passed on: the server sees the client's data only
     * after the action returned. Fires once, on whichever connection matches first; a later call
     * replaces a trigger that has not fired yet.
     */
    public void beforeClientSends(String marker, Runnable action) {
        if (marker.isEmpty()) {
            throw new IllegalArgumentException("empty marker");
        }
        beforeClientSends.set(new Trigger(marker.getBytes(StandardCharsets.US_ASCII), action));
    }

    /**
     * From now on, whenever a client sends bytes for which {@code command} holds (read as ISO-8859-1, one
     * read at a time), that connection is cut before the server sees them: a server that dies on one
     * request, every time (e.g. an IMAP FETCH of a message whose file is corrupt). Other connections and
     * requests go through.
     */
    public void cutWhenClientSends(Predicate<String> command) {
        cutWhenClientSends = command;
    }

    /**
     * From now on, every read from any client is handed to {@code listener} (as ISO-8859-1) before it is
     * passed on, e.g. to count IMAP logins. A command split across reads is seen in parts.
     */
    public void onClientSends(Consumer<String> listener) {
        clientSendsListener = listener;
    }

    /** Connections clients opened through this link so far. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Client connections open through this link now. */
    public int openConnections() {
        return clientsOpen.get();
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
                accepted.incrementAndGet();
                Socket server = new Socket(target.getAddress(), target.getPort());
                clientsOpen.incrementAndGet();
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> {
                    try {
                        pump(client, server, false);
                    } finally {
                        clientsOpen.decrementAndGet();
                    }
                });
                Thread.ofVirtual().start(() -> pump(server, client, true));
            } catch (IOException e) {
                // listener closed or target down: the client sees a dropped connection, which is the point
            }
        }
    }

    private void pump(Socket from, Socket to, boolean serverToClient) {
        byte[] buffer = new byte[8192];
        byte[] recent = new byte[0]; // the client's last bytes, for a marker split across reads
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!serverToClient) {
                    clientSendsListener.accept(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    recent = fireTriggerIfSent(recent, buffer, n);
                    if (cutWhenClientSends.test(new String(buffer, 0, n, StandardCharsets.ISO_8859_1))) {
                        return; // closed below, before the server saw the request
                    }
                }
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

    /** Runs the armed trigger when its marker is in {@code recent + buffer[0..n)}; returns the new tail. */
    private byte[] fireTriggerIfSent(byte[] recent, byte[] buffer, int n) {
        Trigger trigger = beforeClientSends.get();
        if (trigger == null) {
            return new byte[0];
        }
        byte[] seen = Arrays.copyOf(recent, recent.length + n);
        System.arraycopy(buffer, 0, seen, recent.length, n);
        if (indexOf(seen, trigger.marker()) >= 0 && beforeClientSends.compareAndSet(trigger, null)) {
            trigger.action().run();
            return new byte[0];
        }
        return Arrays.copyOfRange(seen, Math.max(0, seen.length - trigger.marker().length + 1), seen.length);
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= data.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
