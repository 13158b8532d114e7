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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real (minimal) SMTP server on 127.0.0.1 that answers the end of the first {@code failures}
 * messages with {@code failureReply} (e.g. "451 4.3.0 try later" or "554 5.7.1 rejected") and
 * accepts the rest, keeping what it accepted. Counts every DATA it saw, accepted or not.
 */
public final class FlakySmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final String failureReply;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    public FlakySmtpServer(int failures, String failureReply) {
        this.failuresLeft = new AtomicInteger(failures);
        this.failureReply = failureReply;
        try {
            listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::serve);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Messages that reached the end of DATA, accepted or refused. */
    public int attempts() {
        return attempts.get();
    }

    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                converse(socket);
            } catch (IOException e) {
                // client went away or listener closed
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        write(out, "220 flaky.test ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> write(out, "250-flaky.test\r\n250 AUTH PLAIN LOGIN");
                case "AUTH" -> write(out, "235 2.7.0 Authentication successful");
                case "DATA" -> {
                    write(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder message = new StringBuilder();
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        message.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
                    }
                    attempts.incrementAndGet();
                    if (failuresLeft.getAndDecrement() > 0) {
                        write(out, failureReply);
                    } else {
                        accepted.add(message.toString());
                        write(out, "250 2.0.0 Ok: queued as F" + accepted.size());
                    }
                }
                case "QUIT" -> {
                    write(out, "221 Bye");
                    return;
                }
                default -> write(out, "250 Ok");
            }
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
