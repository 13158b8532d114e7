package dev.postline.connectors.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.ValidationResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImapSettingsValidationTest {

    private final ImapConnectorFactory factory = new ImapConnectorFactory();

    private static Map<String, String> valid() {
        return new HashMap<>(Map.of("preset", "custom", "imapHost", "imap.acme.example", "smtpHost", "smtp.acme.example",
                "username", "support@acme.example"));
    }

    private ValidationResult validateWith(String key, String value) {
        Map<String, String> settings = valid();
        settings.put(key, value);
        return factory.validate(settings);
    }

    @Test
    void completeCustomSettingsShouldBeValid() {
        assertThat(factory.validate(valid()).errors()).isEmpty();
    }

    @Test
    void missingHostShouldBeReportedOnTheHostField() {
        Map<String, String> settings = valid();
        settings.remove("imapHost");

        assertThat(factory.validate(settings).errors()).containsOnlyKeys("imapHost");
    }

    @Test
    void badPortsShouldBeReportedOnThePortField() {
        for (String port : new String[] {"0", "65536", "-1", "imap", "99999999999"}) {
            assertThat(validateWith("imapPort", port).errors()).containsOnlyKeys("imapPort");
        }
    }

    @Test
    void unknownPresetShouldBeReportedOnThePresetField() {
        ValidationResult result = validateWith("preset", "hotmail-classic");

        assertThat(result.errors()).containsKey("preset");
        assertThat(result.errors().get("preset")).contains("gmail", "custom");
    }

    @Test
    void malformedHeaderFilterShouldBeReportedWhenSavingNotWhenSyncing() {
        assertThat(validateWith("headerFilter", "x-a,,x-b").errors()).containsOnlyKeys("headerFilter");
    }

    @Test
    void everyProblemShouldBeReportedAtOnce() {
        Map<String, String> settings = Map.of("preset", "nope", "imapPort", "x", "smtpTls", "ssl3",
                "headerFilter", "=", "readTimeoutSeconds", "0", "markAsRead", "yes");

        assertThat(factory.validate(settings).errors()).containsKeys("preset", "imapHost", "imapPort",
                "smtpTls", "username", "headerFilter", "readTimeoutSeconds", "markAsRead");
    }

    /** Issue #13 item 17: a custom server that only receives needs no SMTP server; sending does. */
    @Test
    void anSmtpServerIsRequiredOnlyForSending() {
        Map<String, String> receiving = Map.of("preset", "custom", "imapHost", "imap.example.com", "username", "a@example.com");

        assertThat(factory.validate(receiving).errors()).isEmpty();
        assertThat(factory.validateSending(receiving).errors()).containsOnlyKeys("smtpHost");
        assertThat(factory.validateSending(Map.of("preset", "custom", "imapHost", "imap.example.com", "smtpHost", "smtp.example.com",
                "username", "a@example.com")).errors()).isEmpty();
        assertThat(factory.validateSending(Map.of("preset", "gmail", "username", "a@gmail.com")).errors()).isEmpty();
    }

    /** Issue #13 item 15: the mailbox key ignores the server name's case, a trailing dot, the port and INBOX's case. */
    @Test
    void theMailboxKeyIsTheServerUserAndFolder() {
        Map<String, String> base = Map.of("preset", "custom", "imapHost", "imap.example.com", "username", "a@example.com");
        var key = factory.mailboxKey(base);

        assertThat(key).isPresent();
        assertThat(factory.mailboxKey(with(base, "imapHost", "IMAP.Example.com."))).isEqualTo(key);
        assertThat(factory.mailboxKey(with(base, "imapPort", "143"))).isEqualTo(key);
        assertThat(factory.mailboxKey(with(base, "folder", "inbox"))).isEqualTo(key);
        assertThat(factory.mailboxKey(with(base, "folder", "Archive"))).isNotEqualTo(key);
        assertThat(factory.mailboxKey(with(base, "username", "b@example.com"))).isNotEqualTo(key);
        assertThat(factory.mailboxKey(with(base, "imapHost", "imap2.example.com"))).isNotEqualTo(key);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    void presetShouldFillServersSoOnlyTheUserNameIsNeeded() {
        assertThat(factory.validate(Map.of("preset", "gmail", "username", "a@gmail.com")).errors()).isEmpty();
        assertThat(factory.validate(Map.of("preset", "office365", "username", "a@contoso.com")).errors()).isEmpty();
    }

    @Test
    void secretValuesShouldNeverBeEchoedInValidationMessages() {
        String secret = "hunter2-very-secret";
        Map<String, String> settings = Map.of("password", secret, "imapPort", secret, "preset", secret,
                "imapHost", secret + " ", "headerFilter", "x-a,," + secret);

        assertThat(factory.validate(settings).errors().values()).noneMatch(m -> m.contains(secret));
    }

    @Test
    void settingFieldsShouldDescribeEveryKeyTheConnectorReads() {
        assertThat(factory.settingFields()).extracting(SettingField::name).contains("preset", "imapHost", "imapPort",
                "imapTls", "smtpHost", "smtpPort", "smtpTls", "username", "password", "auth", "folder", "headerFilter",
                "markAsRead", "connectTimeoutSeconds", "readTimeoutSeconds", "useIdle", "pollIntervalSeconds",
                "appendToSent", "sentFolder");
        assertThat(factory.settingFields()).filteredOn(SettingField::secret).extracting(SettingField::name)
                .containsExactly("password");
    }

    @Test
    void factoryShouldBeFoundThroughServiceLoader() {
        assertThat(java.util.ServiceLoader.load(dev.postline.connectors.api.ConnectorFactory.class).stream()
                .map(p -> p.get().kind())).contains("imap");
    }
}
