package dev.postline.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncCursorTest {

    @Test
    void everyCursorKindShouldSurviveSerialisation() {
        List<SyncCursor> cursors = List.of(
                new ImapCursor(1_700_000_000L, 42, null),
                new ImapCursor(4_294_967_295L, 0, 987_654_321_000L),
                new GmailCursor("1234567"),
                new GmailCursor("1234567", new GmailCursor.Listing(1_700_000_000L, "")),
                new GmailCursor("1234567", new GmailCursor.Listing(0, "18c2f0a9b3e4d5f6")),
                new GraphCursor("https://graph.microsoft.com/v1.0/me/mailFolders('inbox')/messages/delta?$deltatoken=a:b%3D"));

        for (SyncCursor cursor : cursors) {
            assertThat(SyncCursor.parse(cursor.serialize())).isEqualTo(cursor);
        }
    }

    @Test
    void serialisedFormShouldStartWithKindAndVersion() {
        assertThat(new ImapCursor(7, 9, null).serialize()).isEqualTo("imap:v1:7:9");
        assertThat(new ImapCursor(7, 9, 11L).serialize()).isEqualTo("imap:v1:7:9:11");
        assertThat(new GmailCursor("5").serialize()).isEqualTo("gmail:v1:5");
        assertThat(new GmailCursor("5", new GmailCursor.Listing(60, "ab")).serialize()).isEqualTo("gmail:v1:5:list:60:ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "imap", "imap:v1", "imap:v2:1:2", "imap:v1:1", "imap:v1:0:5", "imap:v1:1:-2",
            "imap:v1:1:2:3:4", "imap:v1:a:2", "imap:v1:1:2:", "imap:v1:99999999999:1", "pop3:v1:1",
            "gmail:v1:", "gmail:v1:12x",
            "gmail:v1:5:list:", "gmail:v1:5:list:x:ab", "gmail:v1:5:list:1:a:b", "gmail:v1:5:list:1:a b",
            "gmail:v1::list:1:ab", "graph:v1:ftp://x", "graph:v1:https://a b", "garbage"})
    void parseShouldRejectAnythingItDidNotProduce(String stored) {
        assertThatThrownBy(() -> SyncCursor.parse(stored)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void parseShouldRejectNull() {
        assertThatThrownBy(() -> SyncCursor.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
