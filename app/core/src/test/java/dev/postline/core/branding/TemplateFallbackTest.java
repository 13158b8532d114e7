package dev.postline.core.branding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.branding.TemplateVariables.Mode;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue #13 item 23: "Hello ," for an empty variable; {@code {{customer.name | default: "there"}}} falls back instead. */
class TemplateFallbackTest {

    private static MessageVariables variables(String customerName, String agentName) {
        return new MessageVariables(UUID.randomUUID(), 7L, "Subject", customerName, "jane@example.com", agentName, null,
                "Acme Support", "support@acme.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{customer.name | default: \"there\"}}", "{{customer.name|default:\"there\"}}",
            "{{ customer.name  |  default :  \"there\" }}", "{{customer.name | default: “there”}}"})
    void anEmptyValueFallsBackToTheDefaultInEverySpelling(String placeholder) {
        String text = "Hello " + placeholder + ",";

        assertThat(TemplateVariables.render(text, variables("", null), Mode.TEXT)).isEqualTo("Hello there,");
        assertThat(TemplateVariables.render(text, variables("   ", null), Mode.HTML)).isEqualTo("Hello there,");
        assertThat(TemplateVariables.render(text, variables("Jane", null), Mode.TEXT)).isEqualTo("Hello Jane,");
        assertThat(TemplateVariables.problemsIn(text)).isEmpty();
    }

    @Test
    void aMissingAgentFallsBackAndTheDefaultIsEscapedInHtml() {
        assertThat(TemplateVariables.render("{{agent.name | default: \"Acme's team\"}}", variables("Jane", null), Mode.HTML))
                .isEqualTo("Acme&#39;s team");
        assertThat(TemplateVariables.render("{{agent.name | default: \"Acme's team\"}}", variables("Jane", "Sam"), Mode.TEXT))
                .isEqualTo("Sam");
        assertThat(TemplateVariables.render("{{agent.name | default: \"\"}}", variables("Jane", null), Mode.TEXT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", value = {
            "Hi {{customer.name | defualt: \"there\"}}   => unknown filter “defualt”",
            "Hi {{customer.name | upper}}                => unknown filter “upper”",
            "Hi {{customer.name | default: there}}      => needs its text in quotes",
            "Hi {{customer.name | default}}             => needs its text in quotes",
            "Hi {{customer.name | default: \"a\" | default: \"b\"}} => one filter",
            "Hi {{customer.name | default: \"<b>x</b>\"}} => must not contain",
            "Hi {{customer.name | default: \"Tom & Jerry\"}} => must not contain",
            "Hi {{customer.nickname | default: \"there\"}} => unknown variable {{customer.nickname}}",
    })
    void aMisspeltOrMalformedFilterIsRefusedWithAClearMessage(String text, String expected) {
        assertThat(TemplateVariables.problemsIn(text)).singleElement().asString().contains(expected);
        InputCheck in = InputCheck.start();
        BrandingHtml.checkVariables(in, "text", text);
        try {
            in.orThrow();
            throw new AssertionError("accepted: " + text);
        } catch (ApiException e) {
            assertThat(e.getMessage()).contains(expected);
        }
    }

    @Test
    void savedHtmlKeepsThePlaceholderWithItsDefault() {
        String clean = BrandingHtml.sanitize("<p>Hello {{customer.name | default: \"there\"}}, I am {{ agent.name }}<script>x</script></p>");

        assertThat(clean).contains("Hello {{customer.name | default: \"there\"}}, I am {{agent.name}}").doesNotContain("script");
        assertThat(TemplateVariables.render(clean, variables("", "Sam"), Mode.HTML)).contains("Hello there, I am Sam");
    }
}
