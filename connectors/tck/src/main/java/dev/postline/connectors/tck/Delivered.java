package dev.postline.connectors.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Waits for a test mailbox to hold what a send delivered: the one polling loop every {@link ConnectorUnderTest} needs. */
public final class Delivered {

    private Delivered() {}

    /** Reads {@code mailbox} until it holds {@code expected} messages or {@code timeout} passes; returns the last read. */
    public static List<byte[]> await(Supplier<List<byte[]>> mailbox, int expected, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        List<byte[]> received = mailbox.get();
        while (received.size() < expected && Instant.now().isBefore(end)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            received = mailbox.get();
        }
        return received;
    }
}
