package dev.postline.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real (minimal) SMTP server on 127.0.0.1 that serves connections at the same time, accepts every
 * message after {@code perMessage} (so senders overlap), and remembers the most connections it had
 * open at once: what a provider's connection limit sees.
 */
public final class ConcurrentSmtpSink implements AutoCloseable {

    private final ServerSocket listener;
    private final Duration perMessage;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    public ConcurrentSmtpSink(Duration perMessage) {
        this.perMessage = perMessage;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::serve);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** The most connections open at the same moment so far. */
    public int mostOpen() {
        return mostOpen.get();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().start(() -> converse(socket));
            } catch (IOException e) {
                // listener closed
            }
        }
    }

    private void converse(Socket socket) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            write(out, "220 sink.test ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.split(" ", 2)[0].toUpperCase(Locale.ROOT)) {
                    case "EHLO", "HELO" -> write(out, "250-sink.test\r\n250 AUTH PLAIN LOGIN");
                    case "AUTH" -> write(out, "235 2.7.0 Authentication successful");
                    case "DATA" -> {
                        write(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder message = new StringBuilder();
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            message.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
                        }
                        Thread.sleep(perMessage);
                        accepted.add(message.toString());
                        write(out, "250 2.0.0 Ok: queued as S" + accepted.size());
                    }
                    case "QUIT" -> {
                        write(out, "221 Bye");
                        return;
                    }
                    default -> write(out, "250 Ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
