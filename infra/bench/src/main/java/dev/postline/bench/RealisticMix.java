package dev.postline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The realistic mail mix of issue #14, written straight into a Maildir's {@code cur/} for a local
 * Dovecot (as {@code ImapPullBenchmark --maildir} does): 70 % multipart/alternative text + HTML of
 * 2–20 KiB, 25 % the same with one base64 attachment of 50–500 KiB (before encoding; 76-character
 * lines), 5 % replies (text + HTML) carrying In-Reply-To/References to an earlier message of the
 * set from the same sender. About 108 KB per message on average: 10,000 messages ≈ 1.08 GB.
 *
 * <p>Everything comes from one {@link Random} seeded with {@code --seed}, so a seed gives the same
 * messages byte for byte on the same day. Date headers (and the files' modification times, which
 * Dovecot reports as INTERNALDATE) are spread over the 30 days before today's midnight UTC, oldest
 * first, so an initial import of 30 days or more takes all of them.
 *
 * <p>Self-contained on purpose (JDK only): {@code infra/bench/ingest-side-by-side.sh} runs it with
 * the source launcher, {@code java RealisticMix.java}, without building the bench module.
 *
 * <pre>
 * java infra/bench/src/main/java/dev/postline/bench/RealisticMix.java --maildir DIR [--messages 10000] [--seed 1]
 * </pre>
 * The Maildir's messages and Dovecot's index files in it are removed first (a new UIDVALIDITY).
 * Prints {@code messages=N bytes=B} on its last line for scripts.
 */
public final class RealisticMix {

    private static final String[] FIRST = {"Anna", "Ben", "Chloé", "David", "Emma", "Felix", "Grace", "Hiro", "Ines",
        "Jonas", "Karin", "Luca", "Maria", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera",
        "Wim", "Xenia", "Yusuf", "Zoë"};
    private static final String[] LAST = {"Müller", "Smith", "García", "Rossi", "Kowalski", "Novak", "Jansen", "Dubois",
        "Svensson", "Tanaka", "O'Brien", "Papadopoulos", "Nieminen", "Horvat", "Silva", "Larsen"};
    private static final String[] DOMAINS = {"mail.example.com", "example.org", "kunden.example.de", "corp.example.net",
        "gmail.example", "outlook.example", "shop.example.fr", "post.example.nl"};
    private static final String[] TOPICS = {"Order %d has not arrived", "Refund for invoice %d",
        "Question about my account", "Broken kettle, order %d", "Change of delivery address", "Password reset does not work",
        "Invoice %d: wrong VAT", "Tracking number for parcel %d", "Cancel my subscription", "Warranty claim %d"};
    private static final String[] WORDS = ("order refund delivery invoice kettle parcel account password login help thanks "
        + "please urgent broken replacement tracking number customer service address payment yesterday week "
        + "received damaged box courier warehouse colleague manager attached photo receipt serial model still waiting "
        + "again reply soon regards kind the a of to and in is it that for on with as was have be this").split(" ");
    private static final String[][] ATTACHMENTS = {{"application/pdf", "invoice-%d.pdf"}, {"image/jpeg", "IMG_%d.jpg"},
        {"image/png", "screenshot-%d.png"},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "order-list-%d.xlsx"}};
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
        ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/London")};

    /** What the generator made: how many of each kind and how many bytes in all. */
    record Totals(int messages, long bytes, int plain, int withAttachment, int replies) {}

    private record Sent(String messageId, String from, String subject) {}

    private final Random random;
    private final List<Sent> sent = new ArrayList<>();
    private final Instant start;
    private final long spanSeconds;

    RealisticMix(long seed, Instant start, long spanSeconds) {
        this.random = new Random(seed);
        this.start = start;
        this.spanSeconds = spanSeconds;
    }

    public static void main(String[] args) throws IOException {
        int messages = Integer.parseInt(arg(args, "--messages", "10000"));
        long seed = Long.parseLong(arg(args, "--seed", "1"));
        String maildir = arg(args, "--maildir", null);
        if (maildir == null || messages < 1) {
            System.err.println("usage: RealisticMix --maildir DIR [--messages N] [--seed S]");
            System.exit(2);
        }
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        long span = 30L * 24 * 3600;
        long began = System.nanoTime();
        Totals t = new RealisticMix(seed, midnight.minusSeconds(span), span).writeMaildir(Path.of(maildir), messages);
        System.out.printf("RealisticMix seed %d: %,d messages, %,d bytes (%.2f GB, %.1f KB average): %,d text+HTML, "
                        + "%,d with an attachment, %,d replies; written in %.1f s%n", seed, t.messages(), t.bytes(),
                t.bytes() / 1e9, t.bytes() / 1e3 / t.messages(), t.plain(), t.withAttachment(), t.replies(),
                (System.nanoTime() - began) / 1e9);
        System.out.println("messages=" + t.messages() + " bytes=" + t.bytes());
    }

    Totals writeMaildir(Path maildir, int messages) throws IOException {
        Path cur = maildir.resolve("cur");
        if (!Files.isDirectory(cur) || !Files.isDirectory(maildir.resolve("new"))) {
            throw new IllegalArgumentException(maildir + " is not a Maildir (no cur/ and new/)");
        }
        empty(maildir);
        long bytes = 0;
        int plain = 0;
        int attachments = 0;
        int replies = 0;
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < messages; i++) {
            Instant date = start.plusSeconds(spanSeconds * i / messages + random.nextInt(60));
            byte[] raw = next(i, date);
            switch (lastKind) {
                case 'r' -> replies++;
                case 'a' -> attachments++;
                default -> plain++;
            }
            bytes += raw.length;
            // Dovecot's Maildir name: unique part, S= (size), W= (size with CRLF: the same, all lines end in CRLF).
            Path file = cur.resolve(date.getEpochSecond() + ".M" + i + "P" + pid + ".postline-bench,S=" + raw.length
                    + ",W=" + raw.length + ":2,");
            Files.write(file, raw);
            Files.setLastModifiedTime(file, FileTime.from(date)); // INTERNALDATE
        }
        return new Totals(messages, bytes, plain, attachments, replies);
    }

    private char lastKind;

    /** Message {@code n} of the mix, dated {@code date}: 70 % text+HTML, 25 % with an attachment, 5 % replies. */
    byte[] next(int n, Instant date) {
        int roll = random.nextInt(100);
        if (roll < 5 && !sent.isEmpty()) {
            lastKind = 'r';
            return reply(n, date);
        } else if (roll < 30) {
            lastKind = 'a';
            return withAttachment(n, date);
        }
        lastKind = 't';
        return textAndHtml(n, date);
    }

    /** Removes the messages and Dovecot's own files, so the folder starts over with a new UIDVALIDITY. */
    private static void empty(Path maildir) throws IOException {
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir.resolve(sub))) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir, "dovecot*")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        }
    }

    private byte[] textAndHtml(int n, Instant date) {
        Sent me = newSender(n);
        int size = 2048 + random.nextInt(20480 - 2048 + 1);
        StringBuilder out = headers(me, date, null, null);
        int body = Math.max(400, size - out.length() - 300);
        String boundary = boundary();
        out.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
        alternative(out, boundary, paragraphs(body * 2 / 5), null);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] withAttachment(int n, Instant date) {
        Sent me = newSender(n);
        int size = 2048 + random.nextInt(20480 - 2048 + 1);
        StringBuilder out = headers(me, date, null, null);
        String mixed = boundary();
        String alt = boundary();
        out.append("Content-Type: multipart/mixed; boundary=\"").append(mixed).append("\"\r\n\r\n");
        out.append("This is a multi-part message in MIME format.\r\n--").append(mixed).append("\r\n");
        out.append("Content-Type: multipart/alternative; boundary=\"").append(alt).append("\"\r\n\r\n");
        alternative(out, alt, paragraphs(Math.max(400, size - out.length() - 300) * 2 / 5), null);
        String[] kind = ATTACHMENTS[random.nextInt(ATTACHMENTS.length)];
        String name = String.format(kind[1], 1000 + random.nextInt(9000));
        byte[] content = new byte[50 * 1024 + random.nextInt(450 * 1024 + 1)];
        random.nextBytes(content); // compressed formats: incompressible
        out.append("\r\n--").append(mixed).append("\r\n")
                .append("Content-Type: ").append(kind[0]).append("; name=\"").append(name).append("\"\r\n")
                .append("Content-Disposition: attachment; filename=\"").append(name).append("\"; size=")
                .append(content.length).append("\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(content)) // 76-character lines, CRLF
                .append("\r\n--").append(mixed).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A reply of an earlier sender of the set to one of their messages, quoting a little of it. */
    private byte[] reply(int n, Instant date) {
        Sent earlier = sent.get(random.nextInt(sent.size()));
        String address = earlier.from().substring(earlier.from().indexOf('<') + 1, earlier.from().indexOf('>'));
        Sent me = new Sent(messageId(address), earlier.from(), earlier.subject());
        sent.add(me);
        int size = 2048 + random.nextInt(20480 - 2048 + 1);
        String subject = earlier.subject().startsWith("Re: ") ? earlier.subject() : "Re: " + earlier.subject();
        StringBuilder out = headers(me, date, subject, earlier.messageId());
        String boundary = boundary();
        out.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
        List<String> quoted = paragraphs(600);
        alternative(out, boundary, paragraphs(Math.max(400, size - out.length() - 1200) * 2 / 5), quoted);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Sent newSender(int n) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String address = ascii(first).toLowerCase(Locale.ROOT) + "." + ascii(last).toLowerCase(Locale.ROOT)
                + (random.nextInt(1000)) + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
        String display = first + " " + last;
        String from = (display.chars().allMatch(c -> c < 128) && !display.contains("'")
                ? display : encodedWord(display)) + " <" + address + ">";
        String topic = TOPICS[random.nextInt(TOPICS.length)];
        String subject = topic.contains("%d") ? String.format(topic, 100000 + random.nextInt(900000)) : topic;
        Sent me = new Sent(messageId(address), from, subject);
        sent.add(me);
        return me;
    }

    private StringBuilder headers(Sent me, Instant date, String replySubject, String inReplyTo) {
        ZonedDateTime local = date.atZone(ZONES[random.nextInt(ZONES.length)]);
        String address = me.from().substring(me.from().indexOf('<') + 1, me.from().indexOf('>'));
        String domain = address.substring(address.indexOf('@') + 1);
        StringBuilder h = new StringBuilder(4096);
        h.append("Return-Path: <").append(address).append(">\r\n");
        h.append("Received: from mail.").append(domain).append(" (mail.").append(domain).append(" [192.0.2.")
                .append(1 + random.nextInt(254)).append("])\r\n\tby mx.acme.example with ESMTPS id ")
                .append(Long.toHexString(random.nextLong())).append("\r\n\tfor <support@acme.example>; ")
                .append(RFC_5322.format(date.atZone(ZoneOffset.UTC).plusSeconds(2))).append("\r\n");
        h.append("From: ").append(me.from()).append("\r\n");
        h.append("To: Acme Support <support@acme.example>\r\n");
        h.append("Subject: ").append(replySubject == null ? me.subject() : replySubject).append("\r\n");
        h.append("Date: ").append(RFC_5322.format(local)).append("\r\n");
        h.append("Message-ID: ").append(me.messageId()).append("\r\n");
        if (inReplyTo != null) {
            h.append("In-Reply-To: ").append(inReplyTo).append("\r\n");
            h.append("References: ").append(inReplyTo).append("\r\n");
        }
        h.append("MIME-Version: 1.0\r\n");
        h.append("X-Mailer: ").append(random.nextBoolean() ? "Microsoft Outlook 16.0" : "Apple Mail (2.3774)").append("\r\n");
        return h;
    }

    private void alternative(StringBuilder out, String boundary, List<String> paragraphs, List<String> quoted) {
        out.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n\r\n");
        out.append("Hello,\r\n\r\n");
        for (String p : paragraphs) {
            out.append(p).append("\r\n\r\n");
        }
        out.append("Kind regards\r\n");
        if (quoted != null) {
            out.append("\r\nOn an earlier day, you wrote:\r\n");
            for (String p : quoted) {
                out.append("> ").append(p.replace("\r\n", "\r\n> ")).append("\r\n>\r\n");
            }
        }
        out.append("\r\n--").append(boundary).append("\r\nContent-Type: text/html; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n\r\n");
        out.append("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\r\n")
                .append("<body style=\"font-family: Calibri, sans-serif; font-size: 11pt\">\r\n<div>Hello,</div>\r\n");
        for (String p : paragraphs) {
            out.append("<p class=\"MsoNormal\" style=\"margin: 0 0 8px 0\">").append(p).append("</p>\r\n");
        }
        out.append("<div>Kind regards</div>\r\n");
        if (quoted != null) {
            out.append("<blockquote type=\"cite\" style=\"border-left: 2px solid #ccc; padding-left: 8px\">\r\n");
            for (String p : quoted) {
                out.append("<p>").append(p).append("</p>\r\n");
            }
            out.append("</blockquote>\r\n");
        }
        out.append("</body></html>\r\n--").append(boundary).append("--\r\n");
    }

    /** Paragraphs of words in lines of at most 76 characters, about {@code bytes} in all. */
    private List<String> paragraphs(int bytes) {
        List<String> result = new ArrayList<>();
        int total = 0;
        while (total < bytes) {
            StringBuilder p = new StringBuilder();
            int target = Math.min(bytes - total, 200 + random.nextInt(600));
            int column = 0;
            while (p.length() < target) {
                String word = WORDS[random.nextInt(WORDS.length)];
                if (column + word.length() + 1 > 76) {
                    p.append("\r\n");
                    column = 0;
                } else if (column > 0) {
                    p.append(' ');
                    column++;
                }
                p.append(word);
                column += word.length();
            }
            p.append('.');
            total += p.length() + 4;
            result.add(p.toString());
        }
        return result;
    }

    private String messageId(String address) {
        return "<" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "." + Integer.toHexString(random.nextInt())
                + "@" + address.substring(address.indexOf('@') + 1) + ">";
    }

    private String boundary() {
        return "----=_Part_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }

    private static String encodedWord(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
    }

    private static String arg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
