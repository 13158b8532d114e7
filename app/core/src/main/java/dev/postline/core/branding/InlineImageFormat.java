package dev.postline.core.branding;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The image formats a signature may embed, recognised by their leading bytes (never by the name
 * or the declared type alone). Framework-free.
 */
public enum InlineImageFormat {
    JPEG("image/jpeg", "jpg", Set.of("image/jpeg", "image/jpg", "image/pjpeg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    GIF("image/gif", "gif", Set.of("image/gif"), "GIF8".getBytes()),
    PNG("image/png", "png", Set.of("image/png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    BMP("image/bmp", "bmp", Set.of("image/bmp", "image/x-bmp", "image/x-ms-bmp"), "BM".getBytes());

    private final String contentType;
    private final String extension;
    private final Set<String> declaredTypes;
    private final byte[] magic;

    InlineImageFormat(String contentType, String extension, Set<String> declaredTypes, byte[] magic) {
        this.contentType = contentType;
        this.extension = extension;
        this.declaredTypes = declaredTypes;
        this.magic = magic;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** Whether {@code declared} (a Content-Type, parameters ignored) names this format. */
    public boolean isDeclaredAs(String declared) {
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return declaredTypes.contains(type);
    }

    public static Optional<InlineImageFormat> detect(byte[] content) {
        return Arrays.stream(values())
                .filter(f -> content.length >= f.magic.length && Arrays.equals(content, 0, f.magic.length, f.magic, 0, f.magic.length))
                .filter(f -> f != GIF || (content.length >= 6 && (content[4] == '7' || content[4] == '9') && content[5] == 'a'))
                .findFirst();
    }
}
