package dev.postline.core.touchpoint;

/** Which way mail flows through a touchpoint. */
public enum Direction {
    INBOUND,
    OUTBOUND,
    BOTH;

    public boolean receives() {
        return this != OUTBOUND;
    }

    public boolean sends() {
        return this != INBOUND;
    }
}
