package dev.postline.tenantadmin.web.touchpoint;

import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The Subject of a quarantined message, read from the start of its raw bytes without parsing the
 * rest (it was quarantined because parsing it is a problem). The page escapes it like any text.
 */
final class QuarantinedSubject {

    /** Messages larger than this are not opened for the list; their subject shows as unknown. */
    static final long MAX_PEEK_SIZE = 2 * 1024 * 1024;
    private static final int HEADER_WINDOW = 64 * 1024;
    private static final int MAX_LENGTH = 300;

    private QuarantinedSubject() {}

    static String of(byte[] raw) {
        String head = new String(raw, 0, Math.min(raw.length, HEADER_WINDOW), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            end = head.indexOf("\n\n");
        }
        String headers = (end < 0 ? head : head.substring(0, end)).replaceAll("\r?\n[ \t]+", " ");
        for (String line : headers.split("\r?\n")) {
            if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
                String value = new String(line.substring(8).strip().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                String decoded = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT).replaceAll("\\p{Cntrl}", " ");
                return decoded.length() > MAX_LENGTH ? decoded.substring(0, MAX_LENGTH) + "…" : decoded;
            }
        }
        return "(no subject)";
    }
}
