package dev.postline.core.branding;

import io.micronaut.serde.annotation.Serdeable;

/** The contact card a touchpoint attaches to the first message of a conversation, when enabled. */
@Serdeable
public record ContactCard(boolean enabled, String fullName, String organization, String email, String phone, String url) {}
