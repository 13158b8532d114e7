package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundHeaderSafetyTest {

    private static final String INJECTED = "Bcc: victim@evil.example";

    static Stream<Arguments> injections() {
        return Stream.of(
                attempt("subject", d -> d.subject = "Hello\r\n" + INJECTED),
                attempt("subject", d -> d.subject = "Hello\n" + INJECTED),
                attempt("subject", d -> d.subject = "Hello\r" + INJECTED),
                attempt("subject", d -> d.subject = "Hello\u2028" + INJECTED),
                attempt("subject", d -> d.subject = "Hello\u0000"),
                attempt("subject", d -> d.subject = "Hello\u0085" + INJECTED),
                attempt("from", d -> d.from = new MailAddress("support@acme.example", "Acme\r\n" + INJECTED)),
                attempt("to[1]", d -> d.to = List.of(d.to.get(0), new MailAddress("x@customer.example", "X\n" + INJECTED))),
                attempt("cc[0]", d -> d.cc = List.of(new MailAddress("x\r\nBcc: y@customer.example", ""))),
                attempt("bcc[0]", d -> d.bcc = List.of(new MailAddress("a@customer.example\r\n", ""))),
                attempt("replyTo", d -> d.replyTo = Optional.of(new MailAddress("a@customer.example", "\t" + INJECTED))),
                attempt("attachments[0].fileName", d -> d.attachments = List.of(
                        OutboundPart.attachment("a.pdf\r\n" + INJECTED, "application/pdf", new byte[1]))),
                attempt("attachments[0].fileName", d -> d.attachments = List.of(
                        OutboundPart.attachment("invoice\u202Efdp.exe", "application/pdf", new byte[1]))),
                attempt("attachments[0].fileName", d -> d.attachments = List.of(
                        OutboundPart.attachment("../../etc/passwd", "text/plain", new byte[1]))),
                attempt("attachments[0].contentType", d -> d.attachments = List.of(
                        OutboundPart.attachment("a.pdf", "application/pdf\r\n" + INJECTED, new byte[1]))),
                attempt("inlineImages[0].contentId", d -> {
                    d.html = Optional.of("<img src=\"cid:x\">");
                    d.inlineImages = List.of(OutboundPart.inline("x@y>\r\n" + INJECTED, "a.png", "image/png", new byte[1]));
                }),
                attempt("messageId", d -> d.messageId = "id@acme.example>\r\n" + INJECTED),
                attempt("inReplyTo", d -> d.inReplyTo = Optional.of("id@customer.example>\n" + INJECTED)),
                attempt("references[1]", d -> d.references = List.of("a@b", "c@d>\r\n" + INJECTED)),
                attempt("extraHeaders[X-Note]", d -> d.extraHeaders.put("X-Note", "ok\r\n" + INJECTED)),
                attempt("extraHeaders[X-Note:]", d -> d.extraHeaders.put("X-Note:", "x")),
                attempt("extraHeaders[X??Note]", d -> d.extraHeaders.put("X\r\nNote", "x")),
                attempt("extraHeaders[Bcc]", d -> d.extraHeaders.put("Bcc", "victim@evil.example")),
                attempt("extraHeaders[content-type]", d -> d.extraHeaders.put("content-type", "text/html")),
                attempt("extraHeaders[X-Note]", d -> d.extraHeaders.put("X-Note", "non-ASCII ü")));
    }

    private static Arguments attempt(String field, Consumer<Drafts> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void headerInjectionShouldBeRejectedNamingTheFieldWithoutEchoingTheValue(String field, Consumer<Drafts> change) {
        Drafts d = Drafts.reply();
        change.accept(d);

        assertThatThrownBy(d::build)
                .isInstanceOfSatisfying(InvalidOutboundException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ").doesNotContain("evil").doesNotContain("\r").doesNotContain("\n");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b@customer.example", "a@-customer.example", "a@customer..example", ".a@customer.example",
            "a..b@customer.example", "a@[192.0.2.1]", "\"quoted\"@customer.example", "a@customer_example.com", "a@b@customer.example",
            "müller@customer.example"})
    void invalidAddressShouldBeRejected(String address) {
        Drafts d = Drafts.reply();
        d.to = List.of(new MailAddress(address, ""));

        assertThatThrownBy(d::build).isInstanceOfSatisfying(InvalidOutboundException.class,
                e -> assertThat(e.field()).isEqualTo("to[0]"));
    }

    @Test
    void draftWithoutRecipientsShouldBeRejected() {
        Drafts d = Drafts.reply();
        d.to = List.of();

        assertThatThrownBy(d::build).isInstanceOfSatisfying(InvalidOutboundException.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void inlineImagesWithoutHtmlShouldBeRejected() {
        Drafts d = Drafts.reply();
        d.inlineImages = List.of(OutboundPart.inline("logo@acme.example", "logo.png", "image/png", new byte[1]));

        assertThatThrownBy(d::build).isInstanceOfSatisfying(InvalidOutboundException.class,
                e -> assertThat(e.field()).isEqualTo("inlineImages"));
    }

    @Test
    void messageIdWithoutAtShouldBeRejected() {
        Drafts d = Drafts.reply();
        d.messageId = "no-at-sign";

        assertThatThrownBy(d::build).isInstanceOfSatisfying(InvalidOutboundException.class,
                e -> assertThat(e.field()).isEqualTo("messageId"));
    }
}
