package dev.postline.core.security;

/** What authenticated a request. */
public enum PrincipalKind {
    USER,
    API_KEY,
    OPERATOR
}
