package dev.postline.core.upload;

import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What may be attached: no programs or scripts (by extension, by declared type AND by the first
 * bytes, since either can lie), file names without control, bidi or path characters, and, for
 * images and PDFs, a declared type the content agrees with (a "photo.png" that is really a PDF or
 * an executable is refused).
 */
public final class FileTypeCheck {

    /** Extensions Windows, macOS, Java or a shell would run or install. */
    static final Set<String> EXECUTABLE_EXTENSIONS = Set.of("exe", "com", "scr", "pif", "bat", "cmd", "ps1", "psm1", "psd1",
            "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "wsc", "hta", "msi", "msp", "mst", "dll", "cpl", "jar", "jnlp",
            "lnk", "reg", "inf", "scf", "sh", "bash", "zsh", "csh", "ksh", "run", "app", "apk", "appx",
            "msix", "gadget", "vb", "vba", "application", "ocx", "sys", "drv", "xbap", "dmg", "pkg", "deb", "rpm", "ws");

    static final Set<String> EXECUTABLE_TYPES = Set.of("application/x-msdownload", "application/x-msdos-program",
            "application/x-dosexec", "application/x-executable", "application/x-elf", "application/x-sh", "application/x-shellscript",
            "application/javascript", "text/javascript", "application/x-javascript", "application/java-archive",
            "application/x-java-archive", "application/vnd.microsoft.portable-executable", "application/x-msi",
            "application/x-ms-installer", "application/hta", "text/vbscript", "application/x-bat", "application/x-mach-binary");

    /** Declared types whose content is recognisable, with the signatures that content must start with. */
    private static final Map<String, byte[][]> SIGNATURES = Map.of(
            "image/png", new byte[][] {{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}},
            "image/jpeg", new byte[][] {{(byte) 0xff, (byte) 0xd8, (byte) 0xff}},
            "image/gif", new byte[][] {"GIF87a".getBytes(), "GIF89a".getBytes()},
            "image/bmp", new byte[][] {"BM".getBytes()},
            "image/webp", new byte[][] {"RIFF".getBytes()},
            "image/tiff", new byte[][] {{'I', 'I', '*', 0}, {'M', 'M', 0, '*'}},
            "application/pdf", new byte[][] {"%PDF-".getBytes()});

    private static final Pattern TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");

    private FileTypeCheck() {}

    /** The file's name, checked; a 400 naming {@code fileName} when it is unusable. */
    public static String fileName(@Nullable String name) {
        InputCheck in = InputCheck.start();
        if (name == null || name.isBlank()) {
            in.fail("fileName", "is required");
        } else if (name.length() > 255) {
            in.fail("fileName", "must be at most 255 characters");
        } else if (InputCheck.hasControl(name)) {
            in.fail("fileName", "must not contain line breaks or control characters");
        } else if (name.chars().anyMatch(c -> c == '/' || c == '\\' || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069)) {
            in.fail("fileName", "must not contain path separators or bidi control characters");
        }
        in.orThrow();
        return name.strip();
    }

    /**
     * The content type to send the file with ({@code type/subtype}, lower case), after refusing
     * programs and scripts and disagreements between the declared type and the content.
     */
    public static String check(String fileName, @Nullable String declaredType, byte[] content) {
        String type = normalise(declaredType);
        String extension = extension(fileName);
        if (EXECUTABLE_EXTENSIONS.contains(extension) || EXECUTABLE_TYPES.contains(type) || looksExecutable(content)) {
            throw ApiException.invalid("file", "programs and scripts cannot be attached");
        }
        byte[][] signatures = SIGNATURES.get(type);
        if (signatures != null && Arrays.stream(signatures).noneMatch(s -> startsWith(content, s))) {
            throw ApiException.invalid("contentType", "the file's content is not " + type);
        }
        if (type.equals("image/webp") && !(content.length >= 12 && new String(content, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP"))) {
            throw ApiException.invalid("contentType", "the file's content is not " + type);
        }
        return type;
    }

    /** PE (MZ), ELF, Mach-O and Java class files, and scripts with a {@code #!} line. */
    static boolean looksExecutable(byte[] c) {
        return startsWith(c, new byte[] {'M', 'Z'})
                || startsWith(c, new byte[] {0x7f, 'E', 'L', 'F'})
                || startsWith(c, new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xce})
                || startsWith(c, new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xcf})
                || startsWith(c, new byte[] {(byte) 0xce, (byte) 0xfa, (byte) 0xed, (byte) 0xfe})
                || startsWith(c, new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe})
                || startsWith(c, new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe})
                || startsWith(c, new byte[] {'#', '!'});
    }

    private static String normalise(@Nullable String declared) {
        if (declared == null || declared.isBlank()) {
            return "application/octet-stream";
        }
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(type).matches() || type.startsWith("multipart/")) {
            throw ApiException.invalid("contentType", "must be type/subtype");
        }
        return type;
    }

    private static String extension(String fileName) {
        String name = fileName.strip().toLowerCase(Locale.ROOT);
        // Trailing dots and spaces are dropped by Windows: "run.exe." is an exe.
        name = name.replaceAll("[. ]+$", "");
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
