package dev.postline.tenantadmin.web.wizard;

import io.micronaut.core.annotation.Nullable;

/**
 * One entry of the wizard's first step. {@code href} is null for providers this installation
 * cannot connect yet; {@code note} says why.
 */
public record ProviderChoice(String label, String description, @Nullable String href, @Nullable String note) {}
