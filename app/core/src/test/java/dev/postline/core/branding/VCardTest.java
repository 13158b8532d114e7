package dev.postline.core.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VCardTest {

    @Test
    void aKnownCardIsExactlyThisText() {
        ContactCard card = new ContactCard(true, "Acme Support", "Acme, Inc.; Sales\\EU", "support@acme.example",
                "+1 555 0100", "https://acme.example/help");
        assertThat(VCard.of(card, "unused")).isEqualTo("BEGIN:VCARD\r\n"
                + "VERSION:4.0\r\n"
                + "FN:Acme Support\r\n"
                + "ORG:Acme\\, Inc.\\; Sales\\\\EU\r\n"
                + "EMAIL;TYPE=work:support@acme.example\r\n"
                + "TEL;VALUE=uri;TYPE=work:tel:+1-555-0100\r\n"
                + "URL:https://acme.example/help\r\n"
                + "END:VCARD\r\n");
    }

    @Test
    void emptyFieldsAreLeftOutAndTheNameFallsBack() {
        assertThat(VCard.of(new ContactCard(true, "", "", "", "", ""), "Billing desk"))
                .isEqualTo("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Billing desk\r\nEND:VCARD\r\n");
        assertThat(VCard.of(new ContactCard(true, " ", "Acme", "", "", ""), "x")).contains("\r\nFN:Acme\r\nORG:Acme\r\n");
    }

    @Test
    void newlinesAreEscaped() {
        assertThat(VCard.escape("line one\r\nline two\nthree")).isEqualTo("line one\\nline two\\nthree");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String name = "Ünïcödé Support Team of the Very Long Organisation Name that goes on and on — 日本語のサポート";
        String text = VCard.of(new ContactCard(true, name, "", "", "", ""), "x");
        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        String unfolded = text.replace("\r\n ", "");
        assertThat(unfolded).contains("FN:" + name + "\r\n");
        assertThat(text).contains("\r\n ");
    }
}
