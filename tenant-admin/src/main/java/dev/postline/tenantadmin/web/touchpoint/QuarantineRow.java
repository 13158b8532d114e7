package dev.postline.tenantadmin.web.touchpoint;

import java.util.UUID;

/**
 * One quarantined message on the touchpoint page. {@code unfetchable}: the mail server never delivered it,
 * so only its {@code providerId} (the server's id for it) and the reason are known. {@code needsAddress}:
 * nobody to answer is named in it, so reprocessing asks the admin for the customer's address.
 */
public record QuarantineRow(UUID id, String subject, String reason, String size, String received, boolean reprocessable,
                            boolean unfetchable, String providerId, boolean needsAddress) {}
