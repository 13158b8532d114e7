package dev.postline.mail;

import static dev.postline.mail.TestMail.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MimeLimitsTest {

    private final MimeLimits limits = new MimeLimits(MailLimits.DEFAULTS);

    @Test
    void ordinaryMessagesShouldPass() {
        for (String name : new String[] {"01-plain.eml", "04-inline-image.eml", "05-attachments.eml", "14-dsn-bounce.eml"}) {
            assertThat(limits.check(TestMail.corpus(name))).as(name).isEmpty();
        }
    }

    @Test
    void totalSizeAboveTheLimitShouldBeAViolation() {
        MimeLimits small = new MimeLimits(MailLimits.DEFAULTS.withMaxTotalBytes(200));

        assertThat(small.check(new byte[201])).map(LimitViolation::kind).contains(LimitViolation.Kind.TOTAL_SIZE);
        assertThat(small.check(TestMail.simple("", "x"))).isEmpty();
    }

    @Test
    void nestingShouldBeAllowedUpToTheLimitAndRefusedOneLevelDeeper() {
        // Depth counts the message plus one level per nested part: 19 multiparts give depth 20.
        assertThat(limits.check(HostileMail.nested(19))).isEmpty();
        assertThat(limits.check(HostileMail.nested(20)))
                .contains(new LimitViolation(LimitViolation.Kind.NESTING_DEPTH, "MIME nesting deeper than 20 levels"));
    }

    @Test
    void embeddedMessagesShouldCountTowardsNesting() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            sb.append("Content-Type: message/rfc822\n\n");
        }
        sb.append("Subject: innermost\n\nhello\n");

        assertThat(limits.check(crlf(sb.toString()))).map(LimitViolation::kind).contains(LimitViolation.Kind.NESTING_DEPTH);
    }

    @Test
    void partCountShouldBeAllowedUpToTheLimit() {
        assertThat(limits.check(HostileMail.manyParts(500))).isEmpty();
        assertThat(limits.check(HostileMail.manyParts(501)))
                .contains(new LimitViolation(LimitViolation.Kind.PART_COUNT, "more than 500 MIME parts"));
    }

    @Test
    void headerCountShouldBeLimitedPerHeaderSection() {
        MimeLimits few = new MimeLimits(MailLimits.DEFAULTS.withMaxHeaderCount(5));

        assertThat(few.check(TestMail.simple("X-A: 1\n", "x"))).isEmpty();
        assertThat(few.check(TestMail.simple("X-A: 1\nX-B: 2\n", "x")))
                .contains(new LimitViolation(LimitViolation.Kind.HEADER_COUNT, "more than 5 header fields in one header section"));
    }

    @Test
    void aLongHeaderLineAndALongFoldedFieldShouldBothBeViolations() {
        MimeLimits kb = new MimeLimits(MailLimits.DEFAULTS.withMaxHeaderFieldLength(1024));
        String shortFolded = "X-Folded:" + " word\n".repeat(100);
        String longFolded = "X-Folded:" + " word\n".repeat(300);

        assertThat(kb.check(TestMail.simple("X-Long: " + "a".repeat(2000) + "\n", "x")))
                .map(LimitViolation::kind).contains(LimitViolation.Kind.HEADER_FIELD_LENGTH);
        assertThat(kb.check(TestMail.simple(longFolded, "x")))
                .map(LimitViolation::kind).contains(LimitViolation.Kind.HEADER_FIELD_LENGTH);
        assertThat(kb.check(TestMail.simple(shortFolded, "x"))).isEmpty();
    }

    @Test
    void longBodyLinesShouldNotCountAsHeaderLines() {
        assertThat(limits.check(TestMail.simple("", "b".repeat(200_000)))).isEmpty();
    }

    @Test
    void addressesShouldBeCountedAcrossRepeatedFieldsOfOneName() {
        MimeLimits ten = new MimeLimits(MailLimits.DEFAULTS.withMaxAddressesPerHeader(10));

        assertThat(ten.check(HostileMail.manyRecipients(10, 2))).isEmpty();
        assertThat(ten.check(HostileMail.manyRecipients(12, 3)))
                .contains(new LimitViolation(LimitViolation.Kind.ADDRESS_COUNT, "more than 10 addresses in To:"));
    }

    @Test
    void commasInDisplayNamesCommentsAndGroupNamesShouldNotCountAsAddresses() {
        MimeLimits two = new MimeLimits(MailLimits.DEFAULTS.withMaxAddressesPerHeader(2));
        String cc = "Cc: \"Lopez, Maria\" <m@x.example>, team (a, b, c): j@x.example;\n";

        assertThat(two.check(TestMail.simple(cc, "x"))).isEmpty();
        assertThat(two.check(TestMail.simple(cc.replace(";", ", k@x.example;"), "x"))).isNotEqualTo(Optional.empty());
    }

    @Test
    void malformedButSmallMessagesShouldPassTheLimitCheck() {
        assertThat(limits.check(crlf("Content-Type: multipart/mixed\n\nno boundary at all\n"))).isEmpty();
        assertThat(limits.check(new byte[0])).isEmpty();
    }
}
