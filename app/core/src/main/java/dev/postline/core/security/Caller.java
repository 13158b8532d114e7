package dev.postline.core.security;

import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, resolved once at the web edge from the authentication (JWT, session cookie or
 * API key). Controllers take a {@code Caller} parameter and pass {@link #tenant()} on to services;
 * nothing below the edge reads the request to find the tenant.
 */
public record Caller(PrincipalKind kind, UUID principalId, @Nullable TenantId tenantOrNull, Set<String> roles) {

    public static final String ATTR_TENANT = "tenantId";
    public static final String ATTR_PRINCIPAL = "principalId";
    public static final String ATTR_KIND = "kind";

    /** The caller's tenant. Operators act on the platform, not inside a tenant, and get a 403 here. */
    public TenantId tenant() {
        if (tenantOrNull == null) {
            throw ApiException.forbidden("this endpoint acts inside a tenant; platform operators cannot call it");
        }
        return tenantOrNull;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isUser() {
        return kind == PrincipalKind.USER;
    }
}
