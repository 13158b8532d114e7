package dev.postline.core.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InlineImageFormatTest {

    @Test
    void formatsAreRecognisedByTheirLeadingBytes() {
        assertThat(InlineImageFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(InlineImageFormat.JPEG);
        assertThat(InlineImageFormat.detect("GIF89a....".getBytes())).contains(InlineImageFormat.GIF);
        assertThat(InlineImageFormat.detect("GIF87a....".getBytes())).contains(InlineImageFormat.GIF);
        assertThat(InlineImageFormat.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})).contains(InlineImageFormat.PNG);
        assertThat(InlineImageFormat.detect("BM....".getBytes())).contains(InlineImageFormat.BMP);
        assertThat(InlineImageFormat.detect("GIF8xa".getBytes())).isEqualTo(Optional.empty());
        assertThat(InlineImageFormat.detect("<svg onload=alert(1)>".getBytes())).isEmpty();
        assertThat(InlineImageFormat.detect(new byte[0])).isEmpty();
    }

    @Test
    void theDeclaredTypeMustNameTheDetectedFormat() {
        assertThat(InlineImageFormat.PNG.isDeclaredAs("image/PNG; name=x")).isTrue();
        assertThat(InlineImageFormat.GIF.isDeclaredAs("image/png")).isFalse();
        assertThat(InlineImageFormat.JPEG.isDeclaredAs("image/jpg")).isTrue();
    }
}
