package dev.postline.core.touchpoint;

import dev.postline.core.tenant.TenantId;
import java.util.UUID;

/**
 * Published (synchronously) just before a touchpoint is deleted, while its credential still exists:
 * listeners release what the touchpoint holds at the provider (a push subscription). Best effort — the
 * deletion goes ahead whatever they do, and may still be refused after them.
 */
public record TouchpointDeleting(TenantId tenant, UUID touchpointId) {}
