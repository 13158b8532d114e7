package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BodyEncodingTest {

    @Test
    void everyLineEndShouldBecomeCrlf() {
        assertThat(BodyEncoding.crlf("a\nb\r\nc\rd\r")).isEqualTo("a\r\nb\r\nc\r\nd\r\n");
        assertThat(BodyEncoding.crlf("\r\r\n\n")).isEqualTo("\r\n\r\n\r\n");
        assertThat(BodyEncoding.crlf("")).isEmpty();
        assertThat(BodyEncoding.crlf("no line end, ünïcödé")).isEqualTo("no line end, ünïcödé");
    }

    /** The loop replaced {@code replaceAll("\r\n|\r|\n", "\r\n")}: it must agree with it on any mix. */
    @Test
    void lineEndsShouldBeNormalisedExactlyAsTheRegexDid() {
        Random random = new Random(14);
        char[] alphabet = {'a', 'é', ' ', '\r', '\n', '.', '\t'};
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(BodyEncoding.crlf(s)).as("%s", s.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(s.replaceAll("\r\n|\r|\n", "\r\n"));
        }
    }
}
