package dev.postline.connectors.gmail;

import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import java.util.List;

/** Names and descriptions of every setting the Gmail connector reads. */
final class GmailSettingFields {

    static final String EMAIL_ADDRESS = "emailAddress";
    static final String POLL_INTERVAL = "pollIntervalSeconds";
    static final String REQUEST_TIMEOUT = "requestTimeoutSeconds";
    static final String API_ROOT_URL = "apiRootUrl";

    static final String GOOGLE_ROOT_URL = "https://gmail.googleapis.com/";

    private GmailSettingFields() {
    }

    static List<SettingField> all() {
        return List.of(
                SettingField.of(EMAIL_ADDRESS, "Gmail address",
                        "The mailbox this touchpoint reads and sends from; the Google account authorized for it must be this address.",
                        SettingType.STRING, true),
                number(POLL_INTERVAL, "Poll interval (s)",
                        "How often to ask Gmail for new mail while waiting (about 2 quota units per poll).", 15),
                number(REQUEST_TIMEOUT, "Request timeout (s)", "How long to wait for one Gmail API answer.", 30),
                SettingField.of(API_ROOT_URL, "API root URL (advanced)",
                        "Leave empty. Only for tests against a local Gmail double on this machine (loopback, and only where "
                                + "private networks are allowed).",
                        SettingType.STRING, false).withDefault(GOOGLE_ROOT_URL));
    }

    private static SettingField number(String name, String label, String help, int def) {
        return SettingField.of(name, label, help, SettingType.INT, false).withDefault(Integer.toString(def));
    }
}
