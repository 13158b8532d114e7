package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void aSignatureReadsAsTextWithItsLinksSpelledOut() {
        String html = "<p>Kind regards,<br>  Sam   Smith</p><div><b>Acme</b> Support &amp; Sales</div>"
                + "<p><a href=\"tel:+15550100\">+1 555 0100</a> | <a href=\"mailto:help@acme.example\">help@acme.example</a>"
                + " | <a href=\"https://acme.example\">https://acme.example</a></p><img src=\"cid:logo\" alt=\"Acme logo\">";
        assertThat(HtmlText.of(html)).isEqualTo("""
                Kind regards,
                Sam Smith

                Acme Support & Sales

                +1 555 0100 <tel:+15550100> | help@acme.example <mailto:help@acme.example> | https://acme.example

                Acme logo""");
    }

    @Test
    void listsScriptsAndPreformattedText() {
        assertThat(HtmlText.of("<ul><li>one</li><li>two</li></ul><script>alert(1)</script><pre>a  b\n c</pre>"))
                .isEqualTo("- one\n- two\n\na  b\n c");
    }

    @Test
    void placeholdersSurvive() {
        assertThat(HtmlText.of("<p>{{agent.name}} <a href=\"tel:{{touchpoint.address}}\">call</a></p>"))
                .isEqualTo("{{agent.name}} call <tel:{{touchpoint.address}}>");
    }
}
