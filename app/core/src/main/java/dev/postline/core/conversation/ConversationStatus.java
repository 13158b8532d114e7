package dev.postline.core.conversation;

public enum ConversationStatus {
    OPEN,
    CLOSED
}
