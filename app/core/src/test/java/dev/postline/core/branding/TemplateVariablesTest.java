package dev.postline.core.branding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.branding.TemplateVariables.Mode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

    static final UUID CONVERSATION = UUID.fromString("0b7c1f9e-8f8e-4a55-9a3c-1d2e3f405060");

    static MessageVariables variables(String customerName, String agentName) {
        return new MessageVariables(CONVERSATION, 1234L, "Where is my order?", customerName, "jane@example.com",
                agentName, agentName == null ? null : "agent@acme.example", "Acme Support", "support@acme.example");
    }

    @Test
    void everyVariableIsRenderedWithWhitespaceInsideTheBracesAllowed() {
        String text = "{{customer.name}}|{{ customer.email }}|{{agent.name}}|{{agent.email}}|{{conversation.id}}|"
                + "{{ticket.number}}|{{conversation.subject}}|{{touchpoint.name}}|{{  touchpoint.address\t}}";
        assertThat(TemplateVariables.render(text, variables("Jane Doe", "Sam"), Mode.TEXT)).isEqualTo(
                "Jane Doe|jane@example.com|Sam|agent@acme.example|" + CONVERSATION
                        + "|1234|Where is my order?|Acme Support|support@acme.example");
        assertThat(TemplateVariables.unknownIn(text)).isEmpty();
    }

    @Test
    void unknownNamesAreReportedOnceInOrder() {
        assertThat(TemplateVariables.unknownIn("Hi {{customer.nam}}, {{ agent.phone }} {{customer.nam}} {{}} {{customer.name}}"))
                .containsExactly("customer.nam", "agent.phone", "");
    }

    @Test
    void htmlModeEscapesValuesAndTextModeKeepsThem() {
        MessageVariables v = variables("<script>alert('x')</script> & \"Co\"", "Sam");
        assertThat(TemplateVariables.render("<p>{{customer.name}}</p>", v, Mode.HTML))
                .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;Co&#34;</p>");
        assertThat(TemplateVariables.render("{{customer.name}}", v, Mode.TEXT)).isEqualTo("<script>alert('x')</script> & \"Co\"");
    }

    @Test
    void aMissingValueRendersAsEmpty() {
        assertThat(TemplateVariables.render("Regards, {{agent.name}} <{{agent.email}}>", variables("Jane", null), Mode.TEXT))
                .isEqualTo("Regards,  <>");
    }

    @Test
    void valuesThatLookLikePlaceholdersAreNotExpandedAgain() {
        assertThat(TemplateVariables.render("{{customer.name}}", variables("{{agent.email}} $1 \\", "Sam"), Mode.TEXT))
                .isEqualTo("{{agent.email}} $1 \\");
    }

    @Test
    void textWithoutPlaceholdersIsUnchanged() {
        assertThat(TemplateVariables.render("{ not } {{ half", variables("Jane", "Sam"), Mode.HTML)).isEqualTo("{ not } {{ half");
    }
}
