package dev.postline.core.conversation;

/** Whether a message came from the customer or went to them. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
