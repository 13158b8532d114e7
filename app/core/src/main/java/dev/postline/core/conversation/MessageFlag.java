package dev.postline.core.conversation;

/** What ingestion noticed about a message; shown to agents and used to hold back automation. */
public enum MessageFlag {
    AUTO_SUBMITTED,
    BOUNCE,
    LIST,
    LOOP,
    OWN_ADDRESS,
    BLOCKED,
    /** Another stored message of the touchpoint has the same Message-ID but different content. */
    REUSED_MESSAGE_ID
}
