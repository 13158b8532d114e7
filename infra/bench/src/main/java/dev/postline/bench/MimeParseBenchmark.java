package dev.postline.bench;

import dev.postline.mail.Attachment;
import dev.postline.mail.MailLimits;
import dev.postline.mail.MessageParser;
import dev.postline.mail.MimeLimits;
import dev.postline.mail.ParsedMessage;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

/**
 * Parses the same realistic messages ({@link MessageMix}) with Postline's mime4j parser and with
 * Angus Mail, each doing the same work: headers, addresses, every part decoded (text to String,
 * the rest to bytes). Prints messages/s and MB/s per parser (best and median of several rounds),
 * the limit check alone on the same corpus, then how long the limit check takes on the issue's
 * hostile inputs. Run by hand, never in tests.
 *
 * <p>Options: {@code --messages N} (10000), {@code --rounds R} (5), {@code --seed S} (1).
 */
public final class MimeParseBenchmark {

    /** One parse of one message; returns a number derived from the result so the JIT keeps the work. */
    private interface Parser {
        long parse(byte[] raw) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int messages = intOption(args, "--messages", 10_000);
        int rounds = intOption(args, "--rounds", 5);
        MessageMix mix = new MessageMix(intOption(args, "--seed", 1));
        byte[][] corpus = new byte[messages][];
        long bytes = 0;
        for (int i = 0; i < messages; i++) {
            corpus[i] = mix.next(i);
            bytes += corpus[i].length;
        }
        System.out.printf("%,d messages, %.1f MB, JDK %s, %d CPUs%n", messages, bytes / 1e6,
                Runtime.version(), Runtime.getRuntime().availableProcessors());

        MessageParser postline = new MessageParser(MailLimits.DEFAULTS);
        Session session = Session.getInstance(new Properties());
        Parser mime4j = raw -> summarise(postline.parse(raw));
        // A shared stream lets Angus slice parts out of the array instead of copying them: its fastest path.
        Parser angus = raw -> summarise(new MimeMessage(session, new SharedByteArrayInputStream(raw)));
        MimeLimits limits = new MimeLimits(MailLimits.DEFAULTS);
        Parser limitCheck = raw -> limits.check(raw).isPresent() ? 1 : 0;
        // Interleave the parsers so none profits from running while the machine is quieter.
        double[][] seconds = new double[3][rounds];
        run(mime4j, corpus); // warm-up
        run(angus, corpus);
        run(limitCheck, corpus);
        for (int r = 0; r < rounds; r++) {
            seconds[0][r] = run(mime4j, corpus);
            seconds[1][r] = run(angus, corpus);
            seconds[2][r] = run(limitCheck, corpus);
        }
        report("mime4j (postline-mail MessageParser)", seconds[0], messages, bytes);
        report("Angus Mail (jakarta.mail MimeMessage)", seconds[1], messages, bytes);
        report("MimeLimits.check alone (step 1)", seconds[2], messages, bytes);
        hostileLimitChecks(limits);
    }

    /** Returns seconds for one pass over the corpus. */
    private static double run(Parser parser, byte[][] corpus) throws Exception {
        long sink = 0;
        long start = System.nanoTime();
        for (byte[] raw : corpus) {
            sink += parser.parse(raw);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.println("unlikely");
        }
        return seconds;
    }

    private static long summarise(ParsedMessage m) {
        long n = m.subject().length() + m.to().size() + m.messageId().map(String::length).orElse(0);
        n += m.textBody().map(String::length).orElse(0) + m.htmlBody().map(String::length).orElse(0);
        for (Attachment a : m.attachments()) {
            n += a.size();
        }
        return n;
    }

    private static long summarise(MimeMessage m) throws Exception {
        long n = String.valueOf(m.getSubject()).length() + m.getRecipients(Message.RecipientType.TO).length
                + m.getFrom().length + String.valueOf(m.getMessageID()).length() + String.valueOf(m.getSentDate()).length();
        return n + walk(m);
    }

    private static long walk(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            long n = 0;
            for (int i = 0; i < multipart.getCount(); i++) {
                n += walk(multipart.getBodyPart(i));
            }
            return n;
        }
        if (part.isMimeType("text/*")) {
            return ((String) part.getContent()).length();
        }
        String name = part.getFileName();
        return (name == null ? 0 : name.length()) + part.getInputStream().readAllBytes().length;
    }

    private static void report(String name, double[] seconds, int messages, long bytes) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        double median = sorted[sorted.length / 2];
        System.out.printf("%-40s best %,9.0f msg/s %7.1f MB/s | median %,9.0f msg/s %7.1f MB/s%n", name,
                messages / best, bytes / best / 1e6, messages / median, bytes / median / 1e6);
    }

    /** The limit check on the bad input corpus's big cases: each must take well under a second. */
    private static void hostileLimitChecks(MimeLimits limits) {
        String head = "From: c@customer.example\r\nSubject: hostile\r\n";
        StringBuilder nested = new StringBuilder(head);
        for (int i = 0; i < 1_000; i++) {
            nested.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        StringBuilder parts = new StringBuilder(head).append("Content-Type: multipart/mixed; boundary=p\r\n\r\n");
        for (int i = 0; i < 100_000; i++) {
            parts.append("--p\r\n\r\n").append(i).append("\r\n");
        }
        StringBuilder recipients = new StringBuilder(head);
        for (int f = 0; f < 500; f++) {
            recipients.append("To: ");
            for (int i = 0; i < 100; i++) {
                recipients.append(i == 0 ? "" : ",\r\n ").append('u').append(f * 100 + i).append("@example.com");
            }
            recipients.append("\r\n");
        }
        String[][] cases = {
                {"1,000-level nesting", nested.toString()},
                {"100,000 parts", parts.append("--p--\r\n").toString()},
                {"10 MB header line", head + "X-Long: " + "a".repeat(10 * 1024 * 1024) + "\r\n\r\nx\r\n"},
                {"50,000 To: addresses", recipients.append("\r\nx\r\n").toString()}};
        for (String[] c : cases) {
            byte[] raw = c[1].getBytes(StandardCharsets.US_ASCII);
            long best = Long.MAX_VALUE;
            String reason = "";
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                reason = limits.check(raw).map(v -> v.reason()).orElse("no violation");
                best = Math.min(best, System.nanoTime() - start);
            }
            System.out.printf("limit check %-22s %6.1f MB  %7.2f ms  -> %s%n", c[0], raw.length / 1e6, best / 1e6, reason);
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
