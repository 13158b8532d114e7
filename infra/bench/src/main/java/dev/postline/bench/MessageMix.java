package dev.postline.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Support mail of realistic sizes: 70 % plain text 3–10 KB, 25 % multipart/alternative 10–30 KB,
 * 5 % with a 200 KB attachment (about 20 KB on average).
 */
final class MessageMix {

    private static final String WORDS = "order refund delivery invoice kettle parcel account password login help "
            + "thanks please urgent broken replacement tracking number customer service address payment ";

    private final Random random;

    MessageMix(long seed) {
        this.random = new Random(seed);
    }

    byte[] next(int n) {
        int roll = random.nextInt(100);
        String headers = "From: Customer " + n + " <c" + n + "@customer.example>\r\n"
                + "To: support@acme.example\r\nSubject: Request " + n + "\r\n"
                + "Date: Fri, 7 Nov 2025 10:00:00 +0000\r\nMessage-ID: <bench-" + n + "@customer.example>\r\n"
                + "MIME-Version: 1.0\r\n";
        if (roll < 70) {
            return (headers + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text(3_000 + random.nextInt(7_000)))
                    .getBytes(StandardCharsets.UTF_8);
        }
        String text = text(5_000 + random.nextInt(10_000));
        String alternative = "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text
                + "\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>" + text + "</p></body></html>\r\n--alt--\r\n";
        if (roll < 95) {
            return (headers + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n" + alternative)
                    .getBytes(StandardCharsets.UTF_8);
        }
        byte[] attachment = new byte[150_000];
        random.nextBytes(attachment);
        return (headers + "Content-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n--mix\r\n"
                + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n" + alternative
                + "\r\n--mix\r\nContent-Type: application/pdf; name=\"scan.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"scan.pdf\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--mix--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private String text(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 100);
        String[] words = WORDS.split(" ");
        int column = 0;
        while (sb.length() < bytes) {
            String word = words[random.nextInt(words.length)];
            sb.append(word).append(' ');
            column += word.length() + 1;
            if (column > 70) {
                sb.append("\r\n");
                column = 0;
            }
        }
        return sb.toString();
    }
}
