package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 item 19: list robots and list-distributed mail the classifier missed got auto-replies.
 * Every list signal is swept one at a time on an otherwise personal message.
 */
class ListTrafficSweepTest {

    private static final String PERSON = "From: Customer <c@customer.example>\n";
    private static final String TO_US = "To: support@acme.example\n";

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);
    private final AutomatedMailClassifier classifier = new AutomatedMailClassifier();

    private MailClassification classify(String headers) throws UnparseableMessageException {
        return classifier.classify(parser.parse(TestMail.crlf(headers + "Subject: news\nMessage-ID: <l-1@lists.example>\n\nhello\n")),
                Set.of("support@acme.example"));
    }

    static Stream<Arguments> listSignals() {
        return Stream.of(
                // list robots, by address: From, Sender or the envelope Return-Path
                Arguments.of("From: announce-request@lists.example\n" + TO_US, MailFlag.LIST),
                Arguments.of("From: Announce-Owner@lists.example\n" + TO_US, MailFlag.LIST),
                Arguments.of("From: owner-announce@lists.example\n" + TO_US, MailFlag.LIST),
                Arguments.of("From: announce-bounces@lists.example\n" + TO_US, MailFlag.LIST),
                Arguments.of(PERSON + "Sender: announce-bounces+c=customer.example@lists.example\n" + TO_US, MailFlag.LIST),
                Arguments.of(PERSON + "Return-Path: <announce-bounces+c=customer.example@lists.example>\n" + TO_US, MailFlag.LIST),
                Arguments.of(PERSON + "Sender: announce-request@lists.example\n" + TO_US, MailFlag.LIST),
                Arguments.of("From: MAILER-DAEMON@mx.example.org\n" + TO_US, MailFlag.BOUNCE),
                Arguments.of(PERSON + "Sender: mailer-daemon@mx.example.org\n" + TO_US, MailFlag.BOUNCE),
                // list software headers
                Arguments.of(PERSON + TO_US + "X-Mailman-Version: 2.1.39\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "X-Mailman-Approved-At: Mon, 7 Dec 2026 10:00:00 +0000\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "List-Post: <mailto:announce@lists.example>\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "List-Help: <mailto:announce-request@lists.example?subject=help>\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "List-Subscribe: <https://lists.example/subscribe>\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "List-Owner: <mailto:owner@lists.example>\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "List-Archive: <https://lists.example/archive>\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "List-Id: Announcements <announce.lists.example>\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "List-Unsubscribe: <mailto:u@lists.example>\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "Precedence: list\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "Precedence: bulk\n", MailFlag.LIST),
                Arguments.of(PERSON + TO_US + "Precedence: junk\n", MailFlag.LIST),
                // addressed only to a group: nobody in particular (announcements, mass mail)
                Arguments.of(PERSON + "To: IETF-Announce:;\n", MailFlag.LIST),
                Arguments.of(PERSON + "To: undisclosed-recipients:;\n", MailFlag.LIST),
                Arguments.of(PERSON + "To: Announce: ;\nCc: Friends:;\n", MailFlag.LIST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listSignals")
    void eachListSignalShouldMarkTheMailAsListTrafficAndForbidAnAutoReply(String headers, MailFlag expected) throws Exception {
        MailClassification c = classify(headers);

        assertThat(c.flags()).contains(expected);
        assertThat(c.mayAutoReply()).isFalse();
        assertThat(c.reasons()).isNotEmpty();
    }

    static Stream<String> lookAlikes() {
        return Stream.of(
                PERSON + TO_US,
                "From: requests@customer.example\n" + TO_US,
                "From: owner@customer.example\n" + TO_US,
                "From: jane-requester@customer.example\n" + TO_US,
                PERSON + "To: Team: support@acme.example, bob@customer.example;\n",
                PERSON + "To: Team:;\nCc: support@acme.example\n",
                PERSON + "Return-Path: <c@customer.example>\n" + TO_US + "X-Mailer: Thunderbird\nPrecedence: normal\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void aPersonsMailWithLookAlikesShouldStayAnswerable(String headers) throws Exception {
        MailClassification c = classify(headers);

        assertThat(c.flags()).isEmpty();
        assertThat(c.mayAutoReply()).isTrue();
    }
}
