package dev.postline.core.connector;

import dev.postline.connectors.api.VerifyResult;
import java.util.Locale;

/** A connection test's outcome as one sentence an admin can act on (the failed check's own words, which carry no secret). */
public final class VerifySentence {

    private VerifySentence() {
    }

    public static String of(VerifyResult result) {
        if (result.ok()) {
            return "Connection works.";
        }
        String detail = result.firstFailure().map(VerifyResult.Check::detail).orElse(result.message()).strip();
        if (detail.isEmpty()) {
            return "Could not connect.";
        }
        String sentence = detail.substring(0, 1).toUpperCase(Locale.ROOT) + detail.substring(1);
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }
}
