package dev.postline.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.branding.Decoration;
import dev.postline.mail.MailAddress;
import dev.postline.mail.OutboundDraft;
import dev.postline.mail.OutboundMessageBuilder;
import dev.postline.mail.OutboundPart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The touchpoint's decoration put around what the agent wrote (the pure part of rendering). */
class OutboundRenderingTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    static final OutboundPart LOGO = OutboundPart.inline("logo@postline", "logo.png", "image/png", PNG);
    static final OutboundPart CARD = OutboundPart.attachment("support.vcf", "text/vcard", "BEGIN:VCARD\r\nEND:VCARD\r\n".getBytes(StandardCharsets.US_ASCII));
    static final Decoration FULL = new Decoration("<header>H</header>", "<footer>F</footer>", "<p>Sig <img src=\"cid:logo@postline\"></p>",
            "Sig text", List.of(LOGO), Optional.of(CARD));

    @Test
    void htmlIsHeaderBodySignatureFooterAndTextGetsTheSignatureAfterTheDelimiter() throws Exception {
        OutboundDraft draft = OutboundRendering.decorated(outgoing("Hello", "<p>Hello</p>"), FULL);
        assertThat(draft.html().orElseThrow()).contains("<header>H</header><p>Hello</p><p>Sig <img src=\"cid:logo@postline\"></p><footer>F</footer>");
        assertThat(draft.text().orElseThrow()).contains("Hello\n\n-- \nSig text");
        assertThat(draft.inlineImages()).containsExactly(LOGO);
        assertThat(draft.attachments()).extracting(OutboundPart::fileName).containsExactly("report.pdf", "support.vcf");

        String raw = new String(new OutboundMessageBuilder().build(draft), StandardCharsets.US_ASCII);
        assertThat(raw).contains("multipart/related").contains("Content-ID: <logo@postline>").contains("filename=\"support.vcf\"")
                .contains("filename=\"report.pdf\"");
    }

    @Test
    void aTextOnlyReplyGetsAnHtmlBodyWhenTheDecorationHasHtml() {
        OutboundDraft draft = OutboundRendering.decorated(outgoing("Line <1>\nLine 2", null), FULL);
        assertThat(draft.html().orElseThrow()).contains("<header>H</header><div>Line &lt;1&gt;<br>\r\nLine 2</div><p>Sig");
        assertThat(draft.text().orElseThrow()).contains("Line <1>\nLine 2\n\n-- \nSig text");
    }

    @Test
    void withoutADecorationTheMessageIsExactlyWhatTheAgentWrote() {
        OutboundDraft draft = OutboundRendering.decorated(outgoing("Hello", null), Decoration.NONE);
        assertThat(draft.text().orElseThrow()).contains("Hello");
        assertThat(draft.html()).isEmpty();
        assertThat(draft.inlineImages()).isEmpty();
        assertThat(draft.attachments()).extracting(OutboundPart::fileName).containsExactly("report.pdf");
    }

    @Test
    void aSignatureWithoutATextFormAddsNoDelimiter() {
        Decoration htmlOnly = new Decoration("", "", "<p>Sig</p>", "", List.of(), Optional.empty());
        OutboundDraft draft = OutboundRendering.decorated(outgoing("Hello", "<p>Hello</p>"), htmlOnly);
        assertThat(draft.text().orElseThrow()).contains("Hello");
        assertThat(draft.text().orElseThrow()).doesNotContain("-- ");
        assertThat(draft.html().orElseThrow()).contains("<p>Hello</p><p>Sig</p>");
    }

    private static OutboundRendering.Outgoing outgoing(String text, String html) {
        return new OutboundRendering.Outgoing(UUID.randomUUID(), new MailAddress("support@example.com", "Support"),
                List.of(new MailAddress("jane@example.org", "Jane")), List.of(), List.of(), "Re: Help", "pl.1@example.com",
                Optional.of("q@example.org"), List.of("q@example.org"), text, html,
                List.of(OutboundPart.attachment("report.pdf", "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII))),
                Map.of(), Instant.parse("2026-11-23T10:00:00Z"));
    }
}
