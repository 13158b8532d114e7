package dev.postline.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes header fields as 7-bit ASCII: RFC 2047 encoded words for non-ASCII text, RFC 2231
 * parameters for non-ASCII file names, folding at 78 characters. Inputs are already checked by
 * {@link OutboundChecks}, so nothing here sees a line break.
 */
final class HeaderEncoding {

    static final int FOLD_AT = 78;
    static final int MAX_LINE = 998;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Pattern ATOMS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+");
    /** Bytes of UTF-8 per encoded word: 52 base64 characters, a 64-character word, so "Subject: " + word fits in 78. */
    private static final int WORD_BYTES = 39;
    private static final int SEGMENT = 60;

    private HeaderEncoding() {}

    static String date(Instant instant) {
        return DATE.format(instant);
    }

    /** Unstructured text (Subject): as is when it is printable ASCII that folds, else encoded words. */
    static String text(String value) {
        boolean plain = value.chars().allMatch(c -> c >= ' ' && c < 0x7f) && !value.contains("=?")
                && longestWord(value) <= FOLD_AT - "Subject: ".length();
        return plain ? value : encodedWords(value);
    }

    /** {@code Name <addr>}, {@code "Doe, J." <addr>}, {@code =?UTF-8?B?…?= <addr>} or {@code addr}. */
    static String mailbox(String displayName, String asciiAddress) {
        if (displayName.isBlank()) {
            return asciiAddress;
        }
        String name = displayName.strip();
        boolean ascii = name.chars().allMatch(c -> c >= ' ' && c < 0x7f) && !name.contains("=?") && name.length() <= 60;
        String phrase = !ascii ? encodedWords(name)
                : ATOMS.matcher(name).matches() ? name
                : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return phrase + " <" + asciiAddress + ">";
    }

    /** {@code =?UTF-8?B?…?=} words separated by spaces, never splitting a character. */
    static String encodedWords(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > WORD_BYTES) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        if (!chunk.isEmpty() || words.isEmpty()) {
            words.add(word(chunk.toString()));
        }
        return String.join(" ", words);
    }

    /**
     * {@code name="file.pdf"} or the RFC 2231 form {@code name*=UTF-8''…} (split into
     * {@code name*0*}, {@code name*1*}, … when long), as {@code "; "}-separated parameters.
     */
    static String fileNameParameter(String param, String fileName) {
        if (fileName.chars().allMatch(c -> c >= ' ' && c < 0x7f) && fileName.length() <= SEGMENT) {
            return param + "=\"" + fileName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        String encoded = "UTF-8''" + percentEncode(fileName);
        if (encoded.length() <= SEGMENT) {
            return param + "*=" + encoded;
        }
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (start < encoded.length()) {
            int end = Math.min(start + SEGMENT, encoded.length());
            // Never split a %XX triplet.
            if (end < encoded.length() && encoded.lastIndexOf('%', end - 1) >= end - 2) {
                end = encoded.lastIndexOf('%', end - 1);
            }
            segments.add(param + "*" + segments.size() + "*=" + encoded.substring(start, end));
            start = end;
        }
        return String.join("; ", segments);
    }

    /** {@code Name: value} folded at spaces to lines of at most 78 characters where possible, CRLF-terminated. */
    static String field(String name, String value, String draftField) throws InvalidOutboundException {
        String line = name + ": " + value;
        StringBuilder out = new StringBuilder(line.length() + 16);
        int start = 0;
        int minBreak = name.length() + 2;
        while (line.length() - start > FOLD_AT) {
            int brk = lastBreak(line, Math.max(start + 1, minBreak), start + FOLD_AT);
            if (brk < 0) {
                brk = firstBreak(line, Math.max(start + FOLD_AT + 1, minBreak));
            }
            if (brk < 0) {
                break;
            }
            out.append(line, start, brk).append("\r\n");
            start = brk;
        }
        out.append(line, start, line.length()).append("\r\n");
        for (String l : out.toString().split("\r\n")) {
            if (l.length() > MAX_LINE) {
                throw new InvalidOutboundException(draftField, "value cannot be folded into lines of 998 characters");
            }
        }
        return out.toString();
    }

    /** The last foldable space (one that follows a non-space) in [from, to], or -1. */
    private static int lastBreak(String line, int from, int to) {
        for (int i = to; i >= from; i--) {
            if (line.charAt(i) == ' ' && line.charAt(i - 1) != ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The first foldable space at or after {@code from}, or -1. */
    private static int firstBreak(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == ' ' && line.charAt(i - 1) != ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String word(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static int longestWord(String value) {
        int longest = 0;
        for (String w : value.split(" ")) {
            longest = Math.max(longest, w.length());
        }
        return longest;
    }

    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
