package dev.postline.tenantadmin.web.touchpoint;

import java.util.UUID;

/**
 * One quarantined message on the touchpoint page. {@code needsAddress}: nobody to answer is named in
 * it, so reprocessing asks the admin for the customer's address.
 */
public record QuarantineRow(UUID id, String subject, String reason, String size, String received, boolean reprocessable,
                            boolean needsAddress) {}
