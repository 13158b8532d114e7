package dev.postline.server.inbound;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Generators for the bad-input corpus of the inbound issue (generated, so nothing huge is committed). */
final class HostileMail {

    private HostileMail() {}

    static String headers(String from, String to, String messageId, String subject) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + messageId + ">\r\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";
    }

    static String withoutMessageId(String from, String to) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: No Message-ID\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain\r\n\r\nI have no Message-ID.\r\n";
    }

    static String deeplyNested(String from, String to, int levels) {
        StringBuilder b = new StringBuilder(headers(from, to, "nested@hostile.example", "Nested"));
        b.append("Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int i = 0; i < levels; i++) {
            b.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\r\n\r\n");
        }
        b.append("--b").append(levels).append("\r\nContent-Type: text/plain\r\n\r\ndeep\r\n");
        for (int i = levels; i >= 0; i--) {
            b.append("--b").append(i).append("--\r\n");
        }
        return b.toString();
    }

    static String manyParts(String from, String to, int parts) {
        StringBuilder b = new StringBuilder(headers(from, to, "parts@hostile.example", "Many parts"));
        b.append("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            b.append("--p\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        }
        return b.append("--p--\r\n").toString();
    }

    static String hugeHeaderLine(String from, String to, int length) {
        return headers(from, to, "header@hostile.example", "Huge header") + "X-Huge: " + "a".repeat(length) + "\r\n"
                + "Content-Type: text/plain\r\n\r\nbody\r\n";
    }

    static String manyRecipients(String from, String to, int count) {
        String list = IntStream.range(0, count).mapToObj(i -> "r" + i + "@many.example").collect(Collectors.joining(",\r\n "));
        return "From: " + from + "\r\nTo: " + to + ",\r\n " + list + "\r\nSubject: Many recipients\r\n"
                + "Message-ID: <many@hostile.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello all\r\n";
    }

    static String invalidCharset(String from, String to) {
        return headers(from, to, "charset@hostile.example", "Bad charset")
                + "Content-Type: text/plain; charset=\"x-no-such-charset\"\r\n\r\nCaf\u00e9 cr\u00e8me\r\n";
    }

    static String brokenBase64(String from, String to) {
        return headers(from, to, "base64@hostile.example", "Broken base64")
                + "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--x\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\nContent-Disposition: attachment; filename=\"data.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8=!!!not*base64@@@\r\n--x--\r\n";
    }

    static String xssHtml(String from, String to) {
        return headers(from, to, "xss@hostile.example", "Pretty newsletter")
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p>Hi</p><script>alert('s')</script><img src=x onerror=alert('e')><a href=\"javascript:alert('j')\">click</a>"
                + "<svg><style>@import 'x'</style></svg><noscript><style></noscript><img src=x onerror=alert('n')></style></noscript>\r\n";
    }

    static String autoReply(String from, String to, String messageId, String inReplyTo) {
        return headers(from, to, messageId, "Out of office: Re: your mail") + "Auto-Submitted: auto-replied\r\n"
                + "X-Loop: " + from + "\r\nIn-Reply-To: <" + inReplyTo + ">\r\nContent-Type: text/plain\r\n\r\nI am away.\r\n";
    }

    static String plain(String from, String to, String messageId, String subject, String body) {
        return headers(from, to, messageId, subject) + "Content-Type: text/plain\r\n\r\n" + body + "\r\n";
    }
}
