package dev.postline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** #13 item 21: the start banner shows the pages, the demo logins only with the demo on, and warns about a public demo. */
class StartBannerTest {

    private final EmbeddedDefaults.Resolved embedded = new EmbeddedDefaults.Resolved(Map.of(), true, Path.of("/srv/postline/data"));

    @Test
    void theBannerLeadsToTheAdminPages() {
        String banner = print(new StartBanner("http://127.0.0.1:8080/", "127.0.0.1", true, embedded));
        assertThat(banner).contains("http://127.0.0.1:8080/admin").doesNotContain("8080//admin");
    }

    @Test
    void demoLoginsAreShownOnlyWhileTheDemoIsOn() {
        assertThat(print(new StartBanner("http://127.0.0.1:8080", "127.0.0.1", true, embedded)))
                .contains(DemoLogins.ADMIN_EMAIL).contains(DemoLogins.PASSWORD);
        assertThat(print(new StartBanner("http://127.0.0.1:8080", "127.0.0.1", false, embedded)))
                .doesNotContain(DemoLogins.ADMIN_EMAIL).doesNotContain(DemoLogins.PASSWORD).doesNotContain("Demo logins");
    }

    @Test
    void aDemoReachableFromTheNetworkIsWarnedAboutLoudly() {
        for (String host : new String[] {"0.0.0.0", "", "::"}) {
            assertThat(print(new StartBanner("http://0.0.0.0:8080", host, true, embedded))).as("host '%s'", host)
                    .contains("WARNING").contains("public demo passwords").contains("POSTLINE_DEMO=false");
        }
        for (String host : new String[] {"127.0.0.1", "::1", "localhost"}) {
            assertThat(print(new StartBanner("http://127.0.0.1:8080", host, true, embedded))).as("host '%s'", host).doesNotContain("WARNING");
        }
        assertThat(print(new StartBanner("http://0.0.0.0:8080", "0.0.0.0", false, embedded))).as("no demo, no public passwords")
                .doesNotContain("WARNING");
    }

    private static String print(StartBanner banner) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        banner.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
