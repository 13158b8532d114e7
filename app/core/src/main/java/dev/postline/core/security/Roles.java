package dev.postline.core.security;

/** Role names as they appear in tokens and {@code @Secured}. */
public final class Roles {
    public static final String OPERATOR = "OPERATOR";
    public static final String ADMIN = "ADMIN";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String AGENT = "AGENT";

    private Roles() {}
}
