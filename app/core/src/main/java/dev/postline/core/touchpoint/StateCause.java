package dev.postline.core.touchpoint;

/** What moved a touchpoint's connection state: its sync loop, an admin, or the platform (authorization watch). */
public enum StateCause {
    SYNC,
    ADMIN,
    SYSTEM
}
