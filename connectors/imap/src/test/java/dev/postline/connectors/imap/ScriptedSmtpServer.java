package dev.postline.connectors.imap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal SMTP server speaking the real protocol with scripted replies, to provoke the replies
 * GreenMail never sends (421, 4xx, 5xx at each stage, a connection dropped during DATA).
 * Stages: GREETING, EHLO, AUTH, MAIL, RCPT, DATA, DOT (the reply after the message).
 * The reply {@code CLOSE} drops the connection instead of answering.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Map<String, String> replies = new HashMap<>(Map.of(
            "GREETING", "220 scripted.test ESMTP",
            "EHLO", "250-scripted.test\r\n250 AUTH PLAIN",
            "AUTH", "235 2.7.0 Authentication successful",
            "MAIL", "250 2.1.0 Ok",
            "RCPT", "250 2.1.5 Ok",
            "DATA", "354 End data with <CR><LF>.<CR><LF>",
            "DOT", "250 2.0.0 Ok: queued as ABC123"));

    ScriptedSmtpServer(Map<String, String> overrides) {
        replies.putAll(overrides);
        try {
            listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return listener.getLocalPort();
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
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream();
        if (!reply(out, "GREETING")) {
            return;
        }
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            String stage = switch (verb) {
                case "EHLO", "HELO" -> "EHLO";
                case "AUTH", "MAIL", "DATA" -> verb;
                case "RCPT" -> "RCPT";
                case "QUIT" -> null;
                default -> "OTHER";
            };
            if (stage == null) {
                out.write("221 Bye\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (stage.equals("OTHER")) {
                out.write("250 Ok\r\n".getBytes(StandardCharsets.US_ASCII));
                continue;
            }
            if (!reply(out, stage)) {
                return;
            }
            if (stage.equals("DATA") && replies.get("DATA").startsWith("354")) {
                for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                    // swallow the message
                }
                if (!reply(out, "DOT")) {
                    return;
                }
            }
        }
    }

    private boolean reply(OutputStream out, String stage) throws IOException {
        String reply = replies.get(stage);
        if (reply.equals("CLOSE")) {
            return false;
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
