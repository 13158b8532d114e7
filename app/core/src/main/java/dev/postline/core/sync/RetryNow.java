package dev.postline.core.sync;

import java.util.UUID;

/** Asks the sync supervisor to restart a touchpoint's loop at once, skipping its backoff (admin "reconnect"). */
public record RetryNow(UUID touchpointId) {}
