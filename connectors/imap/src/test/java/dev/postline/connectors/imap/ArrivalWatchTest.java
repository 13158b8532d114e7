package dev.postline.connectors.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;

/** Which responses count as an arrival; the wiring to a live connection is covered against GreenMail. */
class ArrivalWatchTest {

    private static void feed(ArrivalWatch watch, String... lines) throws Exception {
        for (String line : lines) {
            watch.handleResponse(new IMAPResponse(line));
        }
    }

    @Test
    void moreMessagesThanKnownShouldCountAsAnArrival() throws Exception {
        ArrivalWatch watch = new ArrivalWatch(3);
        feed(watch, "* SEARCH", "A4 OK Search completed", "* 4 EXISTS");

        assertThat(watch.seen()).isTrue();
        assertThat(watch.arrived()).isDone();
    }

    @Test
    void repeatedOrSmallerCountShouldNotCountAsAnArrival() throws Exception {
        ArrivalWatch watch = new ArrivalWatch(3);
        feed(watch, "* 3 EXISTS", "* 1 RECENT", "* 2 FETCH (FLAGS (\\Seen))", "* OK Still here", "* 2 EXPUNGE", "* 2 EXISTS");

        assertThat(watch.seen()).isFalse();
    }

    @Test
    void arrivalAfterAnExpungeShouldCountEvenAtTheOldCount() throws Exception {
        ArrivalWatch watch = new ArrivalWatch(3);
        feed(watch, "* 1 EXPUNGE", "* 3 EXISTS");

        assertThat(watch.seen()).isTrue();
    }
}
