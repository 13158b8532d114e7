package dev.postline.core.outbound;

import dev.postline.core.conversation.MailMessage;
import java.util.Arrays;

/** The flag an auto-reply carries on its message row, so it never counts as an agent's first message. */
public final class AutoReplyFlag {

    public static final String NAME = "AUTO_REPLY";

    private AutoReplyFlag() {}

    public static boolean isAutoReply(MailMessage m) {
        return Arrays.asList(m.flags().split(",")).contains(NAME);
    }
}
