package dev.postline.core.touchpoint;

/** Connection and authorization state of a touchpoint (see DESIGN.md, "Connection and token lifecycle"). */
public enum ConnectionState {
    PENDING,
    CONNECTED,
    EXPIRING,
    CONNECTION_LOST,
    EXPIRED,
    DISABLED
}
