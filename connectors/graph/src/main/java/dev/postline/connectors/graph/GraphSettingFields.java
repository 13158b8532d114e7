package dev.postline.connectors.graph;

import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import java.util.List;

/** Names and descriptions of every setting the Microsoft Graph connector reads. */
final class GraphSettingFields {

    static final String MAILBOX = "mailbox";
    static final String POLL_INTERVAL = "pollIntervalSeconds";
    static final String REQUEST_TIMEOUT = "requestTimeoutSeconds";
    static final String BASE_URL = "baseUrl";

    static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";

    private GraphSettingFields() {
    }

    static List<SettingField> all() {
        return List.of(
                SettingField.of(MAILBOX, "Mailbox address",
                        "The Microsoft 365 mailbox of this touchpoint; the signed-in account must be this mailbox.",
                        SettingType.STRING, true),
                SettingField.of(POLL_INTERVAL, "Check for new mail every (s)",
                        "How often the inbox's delta link is polled while waiting for mail.", SettingType.INT, false)
                        .withDefault("15"),
                SettingField.of(REQUEST_TIMEOUT, "Request timeout (s)",
                        "How long one request to Microsoft Graph may take, downloads included.", SettingType.INT, false)
                        .withDefault("60"),
                SettingField.of(BASE_URL, "Graph endpoint (advanced)",
                        "Leave empty for Microsoft's global service. Other Microsoft clouds (graph.microsoft.us, "
                                + "dod-graph.microsoft.us, microsoftgraph.chinacloudapi.cn) are accepted; any other "
                                + "endpoint only where private networks are allowed (self-hosted tests).",
                        SettingType.STRING, false)
                        .withDefault(DEFAULT_BASE_URL));
    }
}
