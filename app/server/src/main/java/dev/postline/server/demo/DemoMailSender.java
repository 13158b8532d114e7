package dev.postline.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * {@code ./postline demo send-mail [--from ADDRESS] [--subject TEXT] [--body TEXT] [--port N]}:
 * sends one customer mail to the sandbox mailbox over plain SMTP on 127.0.0.1, so it shows up in
 * the demo agents' queue within a second or two. A minimal SMTP dialogue, no dependencies.
 */
public final class DemoMailSender {

    private DemoMailSender() {}

    static final String USAGE = "usage: ./postline demo send-mail [--from ADDRESS] [--subject TEXT] [--body TEXT] [--port N]";

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Sends the mail; a wrong argument or an unreachable sandbox is one line on {@code err} (and a
     * non-zero status), never a stack trace.
     *
     * @return 0 when sent, 2 for a wrong argument, 1 when the sandbox could not take the mail
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("postline demo send-mail: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            String messageId = send(options);
            out.println("Sent <" + messageId + "> from " + options.from + " to " + SandboxMailbox.ADDRESS
                    + ". It will appear in the Billing queue (agent1@demo.postline.test) in a moment.");
            return 0;
        } catch (ConnectException e) {
            err.println("postline demo send-mail: nothing listens on 127.0.0.1:" + options.port
                    + " — start Postline with the demo on (./postline run), or pass the sandbox's --port (POSTLINE_DEMO_SMTP_PORT).");
            return 1;
        } catch (IOException e) {
            err.println("postline demo send-mail: the sandbox did not take the mail: " + e.getMessage());
            return 1;
        }
    }

    /** The command line, checked: every option takes a value, the port is a number, header values are single lines. */
    record Options(String from, String subject, String body, int port) {

        static Options parse(String[] args) {
            String from = "jane.customer@example.com";
            String subject = "Where is my order?";
            String body = "Hello, my order 4711 has not arrived yet. Can you help?";
            String envPort = System.getenv("POSTLINE_DEMO_SMTP_PORT");
            int port = envPort == null || envPort.isBlank() ? 2525 : port(envPort, "POSTLINE_DEMO_SMTP_PORT");
            for (int i = 0; i < args.length; i += 2) {
                String option = args[i];
                if (!option.equals("--from") && !option.equals("--subject") && !option.equals("--body") && !option.equals("--port")) {
                    throw new IllegalArgumentException("unknown option '" + option + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[i + 1];
                switch (option) {
                    case "--from" -> from = value;
                    case "--subject" -> subject = value;
                    case "--body" -> body = value;
                    default -> port = port(value, "--port");
                }
            }
            if ((from + subject).matches("(?s).*[\\r\\n].*")) {
                throw new IllegalArgumentException("--from and --subject must be single lines");
            }
            if (!from.matches("[^@\\s<>]+@[^@\\s<>]+")) {
                throw new IllegalArgumentException("--from must be an email address like jane@example.com, not '" + from + "'");
            }
            return new Options(from, subject, body, port);
        }

        private static int port(String value, String name) {
            try {
                int port = Integer.parseInt(value.strip());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
            }
        }
    }

    private static String send(Options options) throws IOException {
        String from = options.from;
        String subject = options.subject;
        String body = options.body;
        int port = options.port;
        String messageId = UUID.randomUUID() + "@demo-customer.example";
        String message = "From: " + from + "\r\nTo: " + SandboxMailbox.ADDRESS + "\r\nSubject: " + subject + "\r\n"
                + "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\r\n"
                + "Message-ID: <" + messageId + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + body.replace("\r\n", "\n").replace("\n", "\r\n").replace("\r\n.", "\r\n..") + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            expect(in, "220");
            command(out, in, "HELO demo-customer", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + SandboxMailbox.ADDRESS + ">", "250");
            command(out, in, "DATA", "354");
            out.write((message + ".\r\n").getBytes(StandardCharsets.UTF_8));
            expect(in, "250");
            command(out, in, "QUIT", "221");
        }
        return messageId;
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the sandbox closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("the sandbox answered: " + line);
        }
    }
}
