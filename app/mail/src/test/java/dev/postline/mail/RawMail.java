package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Assertions and data for tests of raw outbound bytes. */
final class RawMail {

    private RawMail() {}

    static void assertCrlfOnly(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\r') {
                assertThat(i + 1 < raw.length && raw[i + 1] == '\n').as("bare CR at %d", i).isTrue();
            } else if (raw[i] == '\n') {
                assertThat(i > 0 && raw[i - 1] == '\r').as("bare LF at %d", i).isTrue();
            }
        }
        assertThat(raw).endsWith('\r', '\n');
    }

    static String ascii(byte[] raw) {
        return new String(raw, StandardCharsets.US_ASCII);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
