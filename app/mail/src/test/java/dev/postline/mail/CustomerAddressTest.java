package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue #13 item 4: mail without a usable From falls back to Sender, Reply-To, then Return-Path. */
class CustomerAddressTest {

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("From: a@from.example\nSender: b@sender.example\nReply-To: c@reply.example\nReturn-Path: <d@rp.example>\n",
                        "a@from.example", CustomerAddress.Source.FROM),
                Arguments.of("Sender: Bee <b@sender.example>\nReply-To: c@reply.example\nReturn-Path: <d@rp.example>\n",
                        "b@sender.example", CustomerAddress.Source.SENDER),
                Arguments.of("From: undisclosed\nSender: b@sender.example\n", "b@sender.example", CustomerAddress.Source.SENDER),
                Arguments.of("From: <>\nReply-To: Cee <c@reply.example>, other@reply.example\nReturn-Path: <d@rp.example>\n",
                        "c@reply.example", CustomerAddress.Source.REPLY_TO),
                Arguments.of("Sender: not an address\nReply-To: c@reply.example\n", "c@reply.example", CustomerAddress.Source.REPLY_TO),
                Arguments.of("Return-Path: <d@rp.example>\n", "d@rp.example", CustomerAddress.Source.RETURN_PATH),
                Arguments.of("From: @broken\nReply-To: ;\nReturn-Path: < d@rp.example >\n", "d@rp.example", CustomerAddress.Source.RETURN_PATH));
    }

    @ParameterizedTest(name = "{2}: {0}")
    @MethodSource("headers")
    void theFirstUsableOfFromSenderReplyToAndReturnPathIsTheCustomer(String headers, String address, CustomerAddress.Source source)
            throws Exception {
        ParsedMessage m = parser.parse(TestMail.crlf(headers + "To: support@acme.example\nSubject: s\n\nbody\n"));

        assertThat(CustomerAddress.of(m)).hasValueSatisfying(c -> {
            assertThat(c.address().address()).isEqualTo(address);
            assertThat(c.source()).isEqualTo(source);
        });
    }

    @ParameterizedTest
    @MethodSource("nobody")
    void withoutAnyUsableSenderThereIsNoCustomer(String headers) throws Exception {
        ParsedMessage m = parser.parse(TestMail.crlf(headers + "To: support@acme.example\nSubject: s\n\nbody\n"));

        assertThat(CustomerAddress.of(m)).isEmpty();
    }

    static Stream<String> nobody() {
        return Stream.of("", "From: nobody\n", "Return-Path: <>\n", "From: <>\nSender: x\nReply-To: y\nReturn-Path: <>\n");
    }
}
