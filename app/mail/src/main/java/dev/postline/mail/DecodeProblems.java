package dev.postline.mail;

import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;

/**
 * Listens to mime4j's lenient decoding so that repaired input becomes a warning instead of passing
 * silently. Returning {@code false} from {@link #warn} tells mime4j to carry on, never to throw.
 * The parser drains it after each header section and each body.
 */
final class DecodeProblems extends DecodeMonitor {

    private String first;
    private int count;

    @Override
    public boolean warn(String error, String dropDesc) {
        // Bare LF and CR are how mail is stored on Unix; translating them is not a problem.
        if (error != null && !error.startsWith("Found LF without CR") && !error.startsWith("Found CR without LF")) {
            if (first == null) {
                first = error;
            }
            count++;
        }
        return false;
    }

    @Override
    public boolean isListening() {
        return true;
    }

    /** The first problem since the last drain and how many there were, then forgets them. */
    Optional<String> drain() {
        Optional<String> summary = first == null ? Optional.empty()
                : Optional.of(count == 1 ? first : first + " (and " + (count - 1) + " more)");
        first = null;
        count = 0;
        return summary;
    }
}
