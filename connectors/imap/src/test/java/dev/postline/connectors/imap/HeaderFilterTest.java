package dev.postline.connectors.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per row of the syntax table in the issue, plus the error cases. */
class HeaderFilterTest {

    private static Function<String, List<String>> headers(Map<String, List<String>> headers) {
        return name -> headers.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static final Function<String, List<String>> NO_HEADERS = headers(Map.of());

    @Test
    void emptyFilterShouldTakeAllNewMail() {
        HeaderFilter filter = HeaderFilter.parse("");

        assertThat(filter.matchesAll()).isTrue();
        assertThat(filter.matches(NO_HEADERS)).isTrue();
        assertThat(HeaderFilter.parse("   ").matchesAll()).isTrue();
        assertThat(HeaderFilter.parse(null).matchesAll()).isTrue();
    }

    @Test
    void singleNameShouldRequireTheHeaderToBePresent() {
        HeaderFilter filter = HeaderFilter.parse("x-a");

        assertThat(filter.matches(headers(Map.of("X-A", List.of("anything"))))).isTrue();
        assertThat(filter.matches(headers(Map.of("x-a", List.of(""))))).isTrue();
        assertThat(filter.matches(headers(Map.of("X-B", List.of("1"))))).isFalse();
    }

    @Test
    void twoNamesShouldRequireBothHeaders() {
        HeaderFilter filter = HeaderFilter.parse("x-a,x-b");

        assertThat(filter.matches(headers(Map.of("X-A", List.of("1"), "X-B", List.of("2"))))).isTrue();
        assertThat(filter.matches(headers(Map.of("X-A", List.of("1"))))).isFalse();
        assertThat(filter.matches(headers(Map.of("X-B", List.of("2"))))).isFalse();
    }

    @Test
    void nameWithValueShouldRequireThatExactValueWithCaseSensitiveValueAndInsensitiveName() {
        HeaderFilter filter = HeaderFilter.parse("x-a=SAFE");

        assertThat(filter.matches(headers(Map.of("X-A", List.of("SAFE"))))).isTrue();
        assertThat(filter.matches(headers(Map.of("x-A", List.of(" SAFE "))))).isTrue();
        assertThat(filter.matches(headers(Map.of("X-A", List.of("safe"))))).isFalse();
        assertThat(filter.matches(headers(Map.of("X-A", List.of("SAFE2"))))).isFalse();
        assertThat(filter.matches(headers(Map.of("X-A", List.of("UNSAFE", "SAFE"))))).isTrue();
        assertThat(filter.matches(NO_HEADERS)).isFalse();
    }

    @Test
    void mixedFilterShouldRequireTheValueAndThePresence() {
        HeaderFilter filter = HeaderFilter.parse("x-a=SAFE,x-b");

        assertThat(filter.matches(headers(Map.of("X-A", List.of("SAFE"), "X-B", List.of("x"))))).isTrue();
        assertThat(filter.matches(headers(Map.of("X-A", List.of("SAFE"))))).isFalse();
        assertThat(filter.matches(headers(Map.of("X-A", List.of("OTHER"), "X-B", List.of("x"))))).isFalse();
    }

    @Test
    void spacesAroundCommasAndEqualsShouldBeIgnored() {
        assertThat(HeaderFilter.parse(" X-A = SAFE , x-b ").conditions())
                .containsExactly(new HeaderFilter.Condition("x-a", java.util.Optional.of("SAFE")),
                        new HeaderFilter.Condition("x-b", java.util.Optional.empty()));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {",", "x-a,", ",x-a", "x-a,,x-b", "=SAFE", "x-a=", "x a", "x-a:1", "x-a=b=c", "x-ä"})
    void malformedFilterShouldBeRefusedWithAReadableMessage(String text) {
        assertThatThrownBy(() -> HeaderFilter.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Exception");
    }
}
