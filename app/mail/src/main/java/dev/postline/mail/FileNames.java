package dev.postline.mail;

import java.util.Map;

/**
 * Makes an attachment's declared name safe to show and to offer as a download name: no directory
 * part (a name like {@code ..\..\boot.ini} must not reach a file system), no control or bidi
 * format characters (U+202E turns {@code gpj.exe} into a fake image name), line separators as spaces,
 * bounded length. A part without a usable name gets {@code attachment-N} plus an extension.
 */
final class FileNames {

    static final int MAX_LENGTH = 200;

    private static final Map<String, String> EXTENSIONS = Map.of(
            "text/plain", ".txt",
            "text/html", ".html",
            "message/rfc822", ".eml",
            "message/delivery-status", ".txt",
            "text/rfc822-headers", ".txt",
            "text/calendar", ".ics");

    private FileNames() {}

    static String safe(String declared, int partNumber, String mimeType) {
        String name = declared == null ? "" : HeaderSection.decodeWords(declared);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints()
                .map(c -> c == 0x2028 || c == 0x2029 ? ' ' : c)
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        // Leading dots would make hidden files or "..".
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            return "attachment-" + partNumber + EXTENSIONS.getOrDefault(mimeType, "");
        }
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - ext.length()) + ext;
        }
        return name;
    }
}
