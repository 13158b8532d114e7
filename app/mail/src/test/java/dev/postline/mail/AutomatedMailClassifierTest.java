package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AutomatedMailClassifierTest {

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);
    private final AutomatedMailClassifier classifier = new AutomatedMailClassifier();

    private MailClassification classify(String headers) throws UnparseableMessageException {
        return classifier.classify(parser.parse(TestMail.simple(headers, "hello")), Set.of("support@acme.example"));
    }

    @Test
    void aPersonsMailShouldCarryNoFlagAndMayBeAnswered() throws Exception {
        MailClassification c = classify("Return-Path: <c@customer.example>\nAuto-Submitted: no\nPrecedence: normal\n");

        assertThat(c.flags()).isEmpty();
        assertThat(c.reasons()).isEmpty();
        assertThat(c.mayAutoReply()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Auto-Submitted: auto-replied                 | AUTO_SUBMITTED",
            "Auto-Submitted: auto-generated (vacation)    | AUTO_SUBMITTED",
            "X-Autoreply: yes                             | AUTO_SUBMITTED",
            "X-Autorespond: on vacation                   | AUTO_SUBMITTED",
            "Precedence: bulk                             | LIST",
            "Precedence: junk                             | LIST",
            "Precedence: auto_reply                       | AUTO_SUBMITTED",
            "Precedence: list                             | LIST",
            "X-Auto-Response-Suppress: All                | AUTO_SUBMITTED",
            "Return-Path: <>                              | AUTO_SUBMITTED",
            "X-Loop: support@acme.example                 | LOOP",
            "List-Id: Announcements <ann.customer.example> | LIST",
            "List-Unsubscribe: <mailto:u@customer.example> | LIST",
            "X-Failed-Recipients: gone@customer.example    | BOUNCE",
    })
    void eachAutomationSignalShouldRaiseItsFlagAndForbidAutoReply(String header, MailFlag expected) throws Exception {
        MailClassification c = classify(header + "\n");

        assertThat(c.flags()).containsExactly(expected);
        assertThat(c.reasons()).hasSize(1);
        assertThat(c.mayAutoReply()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"MAILER-DAEMON@mx.example.org", "postmaster@customer.example"})
    void mailFromADaemonShouldBeABounce(String from) throws Exception {
        MailClassification c = classifier.classify(
                parser.parse(TestMail.crlf("From: " + from + "\nSubject: failure\n\nx\n")), Set.of());

        assertThat(c.flags()).containsExactly(MailFlag.BOUNCE);
        assertThat(c.reasons()).containsExactly("sent by " + from.substring(0, from.indexOf('@')).toLowerCase());
    }

    @Test
    void mailFromOneOfTheTenantsOwnAddressesShouldBeFlaggedRegardlessOfCase() throws Exception {
        MailClassification c = classifier.classify(
                parser.parse(TestMail.crlf("From: Support <Support@ACME.example>\n\nx\n")), Set.of("support@acme.example"));

        assertThat(c.flags()).containsExactly(MailFlag.OWN_ADDRESS);
        assertThat(c.mayAutoReply()).isFalse();
    }

    @Test
    void deliveryStatusReportShouldBeABounceAndAnAutomatedMail() throws Exception {
        MailClassification c = classifier.classify(parser.parse(TestMail.corpus("14-dsn-bounce.eml")), Set.of("support@acme.example"));

        assertThat(c.flags()).containsExactlyInAnyOrder(MailFlag.BOUNCE, MailFlag.AUTO_SUBMITTED);
        assertThat(c.reasons()).contains("delivery status report", "sent by mailer-daemon", "empty Return-Path <>");
    }

    @Test
    void aReportThatIsNotADeliveryStatusShouldStillBeAutomated() throws Exception {
        byte[] readReceipt = TestMail.crlf("""
                From: c@customer.example
                Content-Type: multipart/report; report-type=disposition-notification; boundary=r

                --r
                Content-Type: text/plain

                Your message was read.
                --r
                Content-Type: message/disposition-notification

                Disposition: manual-action/MDN-sent-manually; displayed
                --r--
                """);

        MailClassification c = classifier.classify(parser.parse(readReceipt), Set.of());

        assertThat(c.flags()).containsExactly(MailFlag.AUTO_SUBMITTED);
        assertThat(c.reasons()).containsExactly("multipart/report");
    }
}
