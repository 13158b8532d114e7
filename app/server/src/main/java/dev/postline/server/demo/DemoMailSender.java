package dev.postline.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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

    public static void main(String[] args) throws IOException {
        String from = "jane.customer@example.com";
        String subject = "Where is my order?";
        String body = "Hello, my order 4711 has not arrived yet. Can you help?";
        int port = 2525;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--from" -> from = args[i + 1];
                case "--subject" -> subject = args[i + 1];
                case "--body" -> body = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if ((from + subject).matches("(?s).*[\\r\\n].*")) {
            throw new IllegalArgumentException("--from and --subject must be single lines");
        }
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
        System.out.println("Sent <" + messageId + "> from " + from + " to " + SandboxMailbox.ADDRESS
                + ". It will appear in the Billing queue (agent1@demo.postline.test) in a moment.");
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
