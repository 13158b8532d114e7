package dev.postline.tenantadmin.web.touchpoint;

import java.util.UUID;

/** One quarantined message on the touchpoint page. */
public record QuarantineRow(UUID id, String subject, String reason, String size, String received, boolean reprocessable) {}
