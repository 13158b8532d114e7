package dev.postline.core.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import jakarta.inject.Singleton;

/**
 * A small SMTP client for the platform's own relay (RFC 5321: EHLO, optional STARTTLS or implicit
 * TLS with host-name verification, AUTH PLAIN, one recipient per message). It lives in the core
 * because the relay is the platform's, not a tenant's mailbox, and jakarta.mail stays inside the
 * IMAP connector. Messages are already 7-bit CRLF (OutboundMessageBuilder); this adds dot-stuffing.
 */
@Singleton
public class SmtpRelay {

    /** The relay refused or failed; {@code permanent} for 5xx answers (do not retry). */
    public static final class RelayException extends Exception {
        private final boolean permanent;

        RelayException(boolean permanent, String message) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    private final RelaySettings config;

    public SmtpRelay(RelaySettings config) {
        this.config = config;
    }

    public void send(String envelopeFrom, String recipient, byte[] message) throws RelayException {
        int timeout = (int) config.getTimeout().toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(config.getHost(), config.getPort()), timeout);
            plain.setSoTimeout(timeout);
            Socket socket = "implicit".equals(config.getTls()) ? tls(plain) : plain;
            Conversation smtp = new Conversation(socket);
            smtp.expect(null, 220);
            smtp.expect("EHLO postline", 250);
            if ("starttls".equals(config.getTls())) {
                smtp.expect("STARTTLS", 220);
                smtp = new Conversation(tls(plain));
                smtp.expect("EHLO postline", 250);
            }
            if (config.getUsername() != null && !config.getUsername().isBlank()) {
                String token = Base64.getEncoder().encodeToString(("\0" + config.getUsername() + "\0"
                        + (config.getPassword() == null ? "" : config.getPassword())).getBytes(StandardCharsets.UTF_8));
                smtp.expectQuiet("AUTH PLAIN " + token, "AUTH PLAIN", 235);
            }
            smtp.expect("MAIL FROM:<" + envelopeFrom + ">", 250);
            smtp.expect("RCPT TO:<" + recipient + ">", 250, 251);
            smtp.expect("DATA", 354);
            smtp.data(message);
            smtp.expect(null, 250);
            smtp.quit();
        } catch (IOException e) {
            throw new RelayException(false, "the notification relay is unreachable: " + e.getClass().getSimpleName());
        }
    }

    private Socket tls(Socket plain) throws IOException {
        SSLSocket socket = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, config.getHost(), config.getPort(), true);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.startHandshake();
        return socket;
    }

    /** One SMTP dialogue over a socket: command, reply, check the code. */
    private static final class Conversation {
        private final BufferedReader in;
        private final OutputStream out;

        Conversation(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        void expect(String command, int... codes) throws IOException, RelayException {
            expectQuiet(command, command, codes);
        }

        /** Like expect, but error messages name the command by {@code label} (no credential in them). */
        void expectQuiet(String command, String label, int... codes) throws IOException, RelayException {
            if (command != null) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            String reply = reply();
            int code = reply.length() >= 3 ? parse(reply) : -1;
            for (int ok : codes) {
                if (code == ok) {
                    return;
                }
            }
            String what = label == null ? "the relay" : label.replaceAll(":.*", "");
            throw new RelayException(code >= 500, what + " refused: " + reply.replaceAll("\\p{Cntrl}", " ").strip());
        }

        void data(byte[] message) throws IOException {
            byte[] stuffed = new String(message, StandardCharsets.US_ASCII).replace("\r\n.", "\r\n..")
                    .getBytes(StandardCharsets.US_ASCII);
            if (stuffed.length > 0 && stuffed[0] == '.') {
                out.write('.');
            }
            out.write(stuffed);
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void quit() {
            try {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                in.readLine();
            } catch (IOException e) {
                // the message is accepted; a rude goodbye does not matter
            }
        }

        /** Reads a (possibly multi-line) reply; returns its last line. */
        private String reply() throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        private static int parse(String reply) {
            try {
                return Integer.parseInt(reply.substring(0, 3));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
