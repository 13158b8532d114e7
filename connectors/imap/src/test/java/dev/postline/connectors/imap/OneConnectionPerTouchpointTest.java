package dev.postline.connectors.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.WaitOutcome;
import dev.postline.connectors.tck.FaultyLink;
import dev.postline.connectors.tck.Fetching;
import dev.postline.connectors.tck.MimeCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A touchpoint costs the IMAP server one connection and one login, kept across IDLE wake-ups; only a
 * connection the server dropped is made again. Counted from outside, on the relay in front of
 * GreenMail: connections it accepted and holds, and the LOGIN/AUTHENTICATE commands clients sent.
 */
class OneConnectionPerTouchpointTest {

    /** Generous bound for each awaited condition; nothing here asserts a duration. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Pattern LOGIN = Pattern.compile("(?mi)^\\S+ (LOGIN|AUTHENTICATE) ");
    private static final Pattern IDLE = Pattern.compile("(?mi)^\\S+ IDLE\\r?$");

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailSupport.greenMail();

    private GreenMailConnectorUnderTest double_;
    private FaultyLink link;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger idles = new AtomicInteger();

    @BeforeEach
    void setUp() {
        double_ = new GreenMailConnectorUnderTest(GREEN_MAIL, Map.of());
        link = double_.link();
        link.onClientSends(sent -> {
            logins.addAndGet(count(LOGIN, sent));
            idles.addAndGet(count(IDLE, sent));
        });
    }

    @AfterEach
    void tearDown() {
        double_.close();
    }

    @Test
    void idleTouchpointShouldHoldOneConnection() throws Exception {
        try (ConnectorSession session = double_.openSession()) {
            SyncCursor cursor = Fetching.drain(session, session.initialCursor(InitialSync.everything()), 10).cursor();
            CompletableFuture<WaitOutcome> waiting = waitInBackground(session, cursor);

            awaitUntil("the session IDLEs", () -> idles.get() >= 1);

            assertThat(link.openConnections()).as("connections held while idle").isEqualTo(1);
            assertThat(link.acceptedConnections()).as("connections made").isEqualTo(1);
            assertThat(logins.get()).as("logins").isEqualTo(1);
            session.close();
            assertThat(waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(WaitOutcome.TIMEOUT);
            assertThat(link.acceptedConnections()).as("connections made, closing a waiting session included").isEqualTo(1);
            assertThat(logins.get()).as("logins, closing a waiting session included").isEqualTo(1);
        }
    }

    @Test
    void wakeUpsForNewMailShouldKeepTheOneConnectionAndLogin() throws Exception {
        int deliveries = 6;
        List<String> fetched = new ArrayList<>();
        try (ConnectorSession session = double_.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            for (int i = 1; i <= deliveries; i++) {
                int idlesBefore = idles.get();
                CompletableFuture<WaitOutcome> waiting = waitInBackground(session, cursor);
                awaitUntil("IDLE number " + i, () -> idles.get() > idlesBefore);
                double_.deliver(MimeCorpus.numbered(i, 0));

                assertThat(waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(WaitOutcome.CHANGED);
                Fetching.Drained drained = Fetching.drain(session, cursor, 10);
                fetched.addAll(Fetching.messageIds(drained.messages()));
                cursor = drained.cursor();
            }

            assertThat(fetched).hasSize(deliveries).doesNotHaveDuplicates();
            assertThat(idles.get()).as("IDLE cycles").isGreaterThanOrEqualTo(deliveries);
            assertThat(link.acceptedConnections()).as("connections made").isEqualTo(1);
            assertThat(link.openConnections()).as("connections held").isEqualTo(1);
            assertThat(logins.get()).as("logins").isEqualTo(1);
        }
    }

    /**
     * An IDLE ended at its deadline must not cost the connection. The deadlines here are whole multiples
     * of the read timeout (as 1 min and 25 min are of the default 5 s): Angus' IDLE reader wakes at each
     * multiple with a read timeout, which it ignores while IDLE runs but takes for a dead connection once
     * DONE is sent — so a DONE sent at that same instant used to lose the connection (seen under load as
     * "lost while waiting for mail" and a new login every reconcile round) whenever the server took
     * longer than a few milliseconds to answer DONE.
     */
    @Test
    void idleCyclesEndedAtTheirDeadlineShouldKeepTheOneConnection() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(double_.settings(link.port(), GREEN_MAIL.getSmtp().getPort()));
        settings.put("readTimeoutSeconds", "1");
        int cycles = 5;
        try (ConnectorSession session = double_.open(settings, GreenMailConnectorUnderTest.PASSWORD)) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            for (int i = 0; i < cycles; i++) {
                // A busy server: DONE is answered 300 ms late (well within the 1 s read timeout).
                link.beforeClientSends("DONE\r\n", () -> pauseQuietly(Duration.ofMillis(300)));
                assertThat(session.awaitChanges(cursor, Instant.now().plusSeconds(2))).as("cycle " + i).isEqualTo(WaitOutcome.TIMEOUT);
            }

            assertThat(idles.get()).as("IDLE cycles").isGreaterThanOrEqualTo(cycles);
            assertThat(link.acceptedConnections()).as("connections made").isEqualTo(1);
            assertThat(logins.get()).as("logins").isEqualTo(1);
        }
    }

    @Test
    void connectionDroppedByTheServerShouldBeMadeAgainOnceAndLoseNothing() throws Exception {
        try (ConnectorSession session = double_.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            CompletableFuture<WaitOutcome> waiting = waitInBackground(session, cursor);
            awaitUntil("the session IDLEs", () -> idles.get() >= 1);

            link.cutAll();
            double_.deliver(MimeCorpus.numbered(1, 0));

            assertThat(waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(WaitOutcome.CHANGED);
            FetchBatch batch = session.fetch(cursor, 10);
            assertThat(Fetching.messageIds(batch.messages())).containsExactly("<tck-1@postline.test>");

            int idlesBefore = idles.get();
            CompletableFuture<WaitOutcome> again = waitInBackground(session, batch.next());
            awaitUntil("the session IDLEs again", () -> idles.get() > idlesBefore);
            assertThat(link.acceptedConnections()).as("connections made: the first and one after the drop").isEqualTo(2);
            assertThat(link.openConnections()).as("connections held").isEqualTo(1);
            assertThat(logins.get()).as("logins").isEqualTo(2);
            session.close();
            again.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void pauseQuietly(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<WaitOutcome> waitInBackground(ConnectorSession session, SyncCursor cursor) {
        CompletableFuture<WaitOutcome> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(session.awaitChanges(cursor, Instant.now().plus(BOUND)));
            } catch (Exception | Error e) {
                outcome.completeExceptionally(e);
            }
        });
        return outcome;
    }

    /** Polls {@code condition} until it holds; fails after {@link #BOUND}. */
    private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(BOUND);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
