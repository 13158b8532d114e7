package dev.postline.core.user;

/** Roles of a tenant's users. Platform operators are not tenant users and have no role here. */
public enum Role {
    ADMIN,
    SUPERVISOR,
    AGENT
}
