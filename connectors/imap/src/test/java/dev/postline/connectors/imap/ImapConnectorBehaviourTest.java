package dev.postline.connectors.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureCause;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.ImapCursor;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.WaitOutcome;
import dev.postline.connectors.tck.Fetching;
import dev.postline.connectors.tck.MimeCorpus;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IMAP-specific promises beyond the contract kit, against GreenMail. */
class ImapConnectorBehaviourTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailSupport.greenMail();

    private GreenMailConnectorUnderTest double_;

    @BeforeEach
    void setUp() {
        double_ = new GreenMailConnectorUnderTest(GREEN_MAIL, Map.of());
    }

    @AfterEach
    void tearDown() {
        double_.close();
    }

    private ConnectorSession session(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(double_.settings(GREEN_MAIL.getImap().getPort(), GREEN_MAIL.getSmtp().getPort()));
        settings.putAll(extra);
        return double_.open(settings, GreenMailConnectorUnderTest.PASSWORD);
    }

    private static byte[] withHeader(int n, String header) {
        String raw = new String(MimeCorpus.numbered(n, 0), StandardCharsets.US_ASCII);
        return (header.isEmpty() ? raw : header + "\r\n" + raw).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void fetchingShouldLeaveMessagesUnread() throws Exception {
        double_.deliver(MimeCorpus.numbered(1, 0));
        try (ConnectorSession session = session(Map.of())) {
            assertThat(session.fetch(session.initialCursor(InitialSync.everything()), 10).messages()).hasSize(1);
        }

        assertThat(double_.stored()).noneMatch(m -> m.getFlags().contains(Flags.Flag.SEEN));
    }

    @Test
    void markAsReadSettingShouldMarkOnlyFetchedMessagesAsRead() throws Exception {
        double_.deliver(MimeCorpus.numbered(1, 0));
        double_.deliver(MimeCorpus.numbered(2, 0));
        try (ConnectorSession session = session(Map.of("markAsRead", "true"))) {
            assertThat(session.fetch(session.initialCursor(InitialSync.everything()), 1).messages()).hasSize(1);
        }

        assertThat(double_.stored()).extracting(m -> m.getFlags().contains(Flags.Flag.SEEN)).containsExactly(true, false);
    }

    @Test
    void byteBudgetShouldEndABatchBeforeItsMessagesPassIt() throws Exception {
        // Sizes 10 KB, 10 KB, 30 KB, 10 KB, 10 KB against a budget of 25 KB: batches of 2, 1 (over the
        // budget alone: still fetched), 2 — and every message exactly once, in order.
        int[] pads = {10_000, 10_000, 30_000, 10_000, 10_000};
        for (int i = 0; i < pads.length; i++) {
            double_.deliver(MimeCorpus.numbered(i + 1, pads[i]));
        }
        try (ConnectorSession session = session(Map.of())) {
            SyncCursor cursor = session.initialCursor(InitialSync.everything());
            List<List<String>> batches = new java.util.ArrayList<>();
            FetchBatch batch;
            do {
                batch = session.fetch(cursor, 10, 25_000);
                batches.add(Fetching.messageIds(batch.messages()));
                cursor = batch.next();
            } while (batch.more());

            assertThat(batches).containsExactly(
                    List.of("<tck-1@postline.test>", "<tck-2@postline.test>"),
                    List.of("<tck-3@postline.test>"),
                    List.of("<tck-4@postline.test>", "<tck-5@postline.test>"));
            assertThat(((ImapCursor) cursor).lastUid()).isEqualTo(5);
        }
    }

    @Test
    void fetchWithoutByteBudgetShouldTakeTheWholeWindow() throws Exception {
        for (int i = 1; i <= 3; i++) {
            double_.deliver(MimeCorpus.numbered(i, 30_000));
        }
        try (ConnectorSession session = session(Map.of())) {
            FetchBatch batch = session.fetch(session.initialCursor(InitialSync.everything()), 10);

            assertThat(batch.messages()).hasSize(3);
            assertThat(batch.more()).isFalse();
        }
    }

    @Test
    void headerFilterShouldSkipOtherMailButMoveTheCursorPastIt() throws Exception {
        double_.deliver(withHeader(1, "X-Route: SAFE"));
        double_.deliver(withHeader(2, "X-Route: safe"));
        double_.deliver(withHeader(3, ""));
        double_.deliver(withHeader(4, "x-route: SAFE"));
        double_.deliver(withHeader(5, ""));
        try (ConnectorSession session = session(Map.of("headerFilter", "X-ROUTE=SAFE"))) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            FetchBatch batch = session.fetch(start, 10);

            assertThat(Fetching.messageIds(batch.messages())).containsExactly("<tck-1@postline.test>", "<tck-4@postline.test>");
            assertThat(((ImapCursor) batch.next()).lastUid()).isEqualTo(5);
            assertThat(batch.more()).isFalse();
        }
    }

    @Test
    void sinceCursorShouldSkipMailReceivedLongBefore() throws Exception {
        MimeMessage old = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(MimeCorpus.numbered(1, 0)));
        double_.hosts().getFolder(double_.user(), GreenMailConnectorUnderTest.FOLDER)
                .appendMessage(old, new Flags(), Date.from(Instant.parse("2020-01-01T10:00:00Z")));
        double_.deliver(MimeCorpus.numbered(2, 0));
        try (ConnectorSession session = session(Map.of())) {
            SyncCursor since = session.initialCursor(InitialSync.since(Instant.now().minus(Duration.ofHours(1))));

            assertThat(Fetching.messageIds(Fetching.drain(session, since, 10).messages())).containsExactly("<tck-2@postline.test>");
        }
    }

    @Test
    void cursorShouldCarryUidValidityAndNoModSeqWithoutCondstore() throws Exception {
        try (ConnectorSession session = session(Map.of())) {
            ImapCursor cursor = (ImapCursor) session.initialCursor(InitialSync.fromNow());

            assertThat(cursor.uidValidity()).isEqualTo(
                    double_.hosts().getFolder(double_.user(), GreenMailConnectorUnderTest.FOLDER).getUidValidity());
            assertThat(cursor.highestModSeq()).isNull(); // GreenMail offers no CONDSTORE
        }
    }

    @Test
    void xoauth2ShouldLogInToImapAndSmtpWithTheAccessToken() throws Exception {
        CredentialSource tokenOnly = new CredentialSource() {
            @Override
            public String password() throws ConnectorException {
                throw new ConnectorException(FailureKind.AUTH_REVOKED, "no password stored");
            }

            @Override
            public String accessToken() {
                return GreenMailConnectorUnderTest.PASSWORD; // GreenMail accepts the password as token
            }
        };
        Map<String, String> settings = new HashMap<>(double_.settings(GREEN_MAIL.getImap().getPort(), GREEN_MAIL.getSmtp().getPort()));
        settings.put("auth", "xoauth2");
        try (ConnectorSession session = new ImapConnectorFactory().open(new SessionContext("t", "tp", settings, tokenOnly,
                double_.hostPolicy(), Clock.systemUTC()))) {
            assertThat(session.verify().ok()).as(session.verify().message()).isTrue();
        }
    }

    /** #13 item 24: SMTP only in send; the copy is its own step, taken after the core recorded the message as sent. */
    @Test
    void sentMailShouldBeCopiedToTheSentFolderOnlyAsItsOwnStepAfterSending() throws Exception {
        byte[] raw = MimeCorpus.numbered(7, 0);
        try (ConnectorSession session = session(Map.of("appendToSent", "true", "sentFolder", "Sent Items"))) {
            OutboundMessage message = new OutboundMessage(raw, GreenMailConnectorUnderTest.USER, List.of("maria@customer.test"));
            SendResult result = session.send(message);
            assertThat(result.providerId()).isEqualTo("<tck-7@postline.test>");
            assertThat(result.serverReply()).startsWith("250");
            assertThat(result.storedCopy()).as("no copy taken by send itself").isEmpty();
            assertThat(double_.hosts().getFolder(double_.user(), "Sent Items")).as("no Sent folder yet").isNull();

            assertThat(session.keepSentCopy(message)).hasValueSatisfying(id -> assertThat(id).startsWith("Sent Items:").endsWith(":1"));
        }
        List<StoredMessage> sent = double_.hosts().getFolder(double_.user(), "Sent Items").getMessages();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().getFlags().contains(Flags.Flag.SEEN)).isTrue();
    }

    /** Issue 14 target 5: the copy is APPENDed from the bytes as sent, not re-serialised; bare-LF mail is still stored (with CRLF). */
    @Test
    void theSentCopyShouldHoldTheBytesAsSentAndMailWithBareLineFeedsShouldStillBeCopied() throws Exception {
        byte[] crlf = MimeCorpus.numbered(8, 0);
        byte[] bareLf = new String(MimeCorpus.numbered(9, 0), StandardCharsets.US_ASCII).replace("\r\n", "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (ConnectorSession session = session(Map.of("appendToSent", "true"))) {
            for (byte[] raw : List.of(crlf, bareLf)) {
                assertThat(session.keepSentCopy(new OutboundMessage(raw, GreenMailConnectorUnderTest.USER, List.of("maria@customer.test"))))
                        .isPresent();
            }
        }
        List<StoredMessage> sent = double_.hosts().getFolder(double_.user(), "Sent").getMessages();
        assertThat(sent).hasSize(2);
        java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
        sent.getFirst().getMimeMessage().writeTo(stored);
        assertThat(stored.toString(StandardCharsets.US_ASCII)).isEqualTo(new String(crlf, StandardCharsets.US_ASCII));
        assertThat(sent.get(1).getMimeMessage().getMessageID()).isEqualTo("<tck-9@postline.test>");
        assertThat(sent).allSatisfy(m -> assertThat(m.getFlags().contains(Flags.Flag.SEEN)).isTrue());
    }

    /**
     * A copy taken after the record cannot prove delivery of a message interrupted before it, so the
     * session offers no check and the core decides (hold or resend); nothing is sent again on its own.
     */
    @ParameterizedTest(name = "appendToSent={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"true", "false"})
    void theSessionNeverClaimsItCanFindSentMail(String appendToSent) throws Exception {
        try (ConnectorSession session = session(Map.of("appendToSent", appendToSent))) {
            session.send(new OutboundMessage(MimeCorpus.numbered(10, 0), GreenMailConnectorUnderTest.USER, List.of("maria@customer.test")));
            assertThat(session.canFindSent()).isFalse();
            assertThat(session.sendSkipsAlreadySent()).isFalse();
        }
    }

    /** #13 item 24: Sent-folder copies on for generic servers, off for presets whose servers keep sent mail (Gmail, Microsoft). */
    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({"custom,true", "yahoo,true", "icloud,true", "aol,true", "gmail,false", "outlook,false",
            "office365,false"})
    void theSentFolderCopyDefaultsOnExceptForProvidersThatKeepSentMail(String preset, boolean expected) {
        Map<String, String> settings = new HashMap<>(Map.of("preset", preset, "username", "someone@example.com"));
        if (preset.equals("custom")) {
            settings.put("imapHost", "mail.example.com");
            settings.put("smtpHost", "mail.example.com");
        }
        var errors = new dev.postline.connectors.api.ValidationResult.Builder();
        assertThat(ImapSettings.read(settings, errors)).hasValueSatisfying(s -> assertThat(s.appendToSent()).isEqualTo(expected));
    }

    @Test
    void loopbackServerShouldBeRefusedWithoutTheSelfHostedSwitch() {
        HostPolicy strict = HostPolicy.builder().allowPort(GREEN_MAIL.getImap().getPort())
                .allowPort(GREEN_MAIL.getSmtp().getPort()).build();
        try (ConnectorSession session = new ImapConnectorFactory().open(new SessionContext("t", "tp",
                double_.settings(GREEN_MAIL.getImap().getPort(), GREEN_MAIL.getSmtp().getPort()),
                GreenMailConnectorUnderTest.credentials(GreenMailConnectorUnderTest.PASSWORD), strict, Clock.systemUTC()))) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> session.initialCursor(InitialSync.fromNow()));

            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(e.getMessage()).isEqualTo("PERMANENT: the IMAP server is not allowed by this installation's policy (host not allowed)");
            assertThat(e.failureCause()).isEqualTo(FailureCause.HOST_NOT_ALLOWED);
            assertThat(session.verify().checks()).extracting(c -> c.detail())
                    .contains("the IMAP server is not allowed by this installation's policy (host not allowed)");
        }
    }

    /**
     * The window between the wait's "anything new?" check and the start of IDLE: GreenMail reports
     * the arrival before its IDLE continuation, which Angus consumes while starting IDLE; a wait that
     * only listens for notifications during IDLE would sleep until its deadline (60 s here).
     */
    @ParameterizedTest(name = "arrival just before the client sends \"{0}\"")
    @ValueSource(strings = {" IDLE", " UID SEARCH "})
    void arrivalJustBeforeIdleStartsShouldWakeTheWait(String marker) throws Exception {
        try (ConnectorSession session = double_.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            double_.deliverJustBeforeClientSends(marker, MimeCorpus.numbered(1, 0));
            Instant start = Instant.now();

            WaitOutcome outcome = session.awaitChanges(cursor, start.plusSeconds(60));

            assertThat(outcome).isEqualTo(WaitOutcome.CHANGED);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
            assertThat(Fetching.messageIds(session.fetch(cursor, 10).messages())).containsExactly("<tck-1@postline.test>");
        }
    }

    @Test
    void closeShouldEndAPendingWaitPromptly() throws Exception {
        ConnectorSession session = session(Map.of());
        SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
        CompletableFuture<WaitOutcome> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return session.awaitChanges(cursor, Instant.now().plusSeconds(120));
            } catch (ConnectorException e) {
                throw new IllegalStateException(e);
            }
        });
        // Give the wait a moment to reach IDLE; closing earlier is also fine, just a different path.
        assertThat(waiting).isNotDone();
        Thread.sleep(500);
        session.close();

        assertThat(waiting.handle((outcome, failure) -> failure == null ? outcome : failure).get(10, TimeUnit.SECONDS))
                .isEqualTo(WaitOutcome.TIMEOUT);
    }
}
