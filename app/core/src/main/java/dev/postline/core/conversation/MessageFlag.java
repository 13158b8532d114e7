package dev.postline.core.conversation;

/** What ingestion noticed about a message; shown to agents and used to hold back automation. */
public enum MessageFlag {
    AUTO_SUBMITTED,
    BOUNCE,
    LIST,
    LOOP,
    OWN_ADDRESS,
    BLOCKED
}
