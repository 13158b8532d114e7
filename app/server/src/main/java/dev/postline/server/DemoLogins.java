package dev.postline.server;

/**
 * The demo tenant's logins. Public by design and only ever created in the embedded default,
 * which listens on 127.0.0.1 unless told otherwise.
 */
public final class DemoLogins {
    public static final String TENANT = "demo";
    public static final String PASSWORD = "postline-demo";
    public static final String ADMIN_EMAIL = "admin@demo.postline.test";
    public static final String AGENT1_EMAIL = "agent1@demo.postline.test";
    public static final String AGENT2_EMAIL = "agent2@demo.postline.test";
    public static final String OPERATOR_EMAIL = "operator@postline.test";
    public static final String OPERATOR_PASSWORD = "postline-operator";

    private DemoLogins() {}
}
