package dev.postline.core.touchpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One data-source key/value: attached data a touchpoint stamps on every conversation it starts
 * ({@code brand=acme}, {@code crmQueue=emea-billing}) for CRM screen pops, agent portals and reports.
 * Both parts are checked by {@link DataSource#check}; as a request body they may arrive null.
 */
@Serdeable
public record DataSourcePair(@Nullable String key, @Nullable String value) {}
