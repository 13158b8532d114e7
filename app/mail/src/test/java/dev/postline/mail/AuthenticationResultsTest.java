package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #13 item 20: the topmost Authentication-Results was taken as our receiving server's own,
 * but a sender can put a forged one on top. Only headers whose authserv-id is ours count.
 */
class AuthenticationResultsTest {

    private static final String FORGED = "Authentication-Results: mx.evil.example; dkim=pass header.d=bank.example; dmarc=pass\n";
    private static final String OURS = "Authentication-Results: mx.acme.example;\n dkim=fail header.d=bank.example; dmarc=fail\n";

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);

    private ParsedMessage forgedOnTop() throws UnparseableMessageException {
        // Our server adds its header above what arrived; here the sender's forgery sits on top of it
        // because a relay in between (or the sender's own submission) kept it above ours.
        return parser.parse(TestMail.simple(FORGED + OURS, "hello"));
    }

    @Test
    void onlyTheHeaderOfOurOwnAuthservIdIsTrustedWhereverItStands() throws Exception {
        ParsedMessage m = forgedOnTop();

        assertThat(AuthenticationResults.trusted(m.authenticationResults(), Set.of("MX.acme.example")))
                .containsExactly("mx.acme.example; dkim=fail header.d=bank.example; dmarc=fail");
    }

    @Test
    void withNoAuthservIdConfiguredNothingIsTrusted() throws Exception {
        assertThat(AuthenticationResults.trusted(forgedOnTop().authenticationResults(), Set.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", value = {
            "mx.google.com; dkim=pass header.i=@customer.example => mx.google.com",
            "mx.acme.example 1; spf=pass smtp.mailfrom=customer.example => mx.acme.example",
            "(our gateway) MX.Acme.Example; none => mx.acme.example",
            "mx.acme.example;dkim=pass => mx.acme.example",
            "mx.acme.example => mx.acme.example",
    })
    void theAuthservIdIsReadAsRfc8601WritesIt(String value, String id) {
        assertThat(AuthenticationResults.authservId(value)).contains(id);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=customer.example; dkim=pass header.d=customer.example",
            "compauth=pass reason=100",
            "; dkim=pass",
    })
    void aHeaderWithoutAnAuthservIdIsNeverAttributed(String value) {
        assertThat(AuthenticationResults.authservId(value)).isEmpty();
        assertThat(AuthenticationResults.trusted(java.util.List.of(value), Set.of("spf", "compauth", ""))).isEmpty();
    }
}
