package dev.postline.core.touchpoint;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Stores a {@link DataSource} as JSON text ({@code [{"key":…,"value":…}, …]}), on the touchpoint and
 * on each conversation's snapshot; the same portable column type on H2 and PostgreSQL as settings.
 */
@Singleton
public class DataSourceConverter implements AttributeConverter<DataSource, String> {

    private static final Argument<List<DataSourcePair>> PAIRS = Argument.listOf(DataSourcePair.class);

    private final JsonMapper json;

    public DataSourceConverter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String convertToPersistedValue(DataSource entityValue, ConversionContext context) {
        try {
            return json.writeValueAsString(PAIRS, entityValue == null ? List.of() : entityValue.pairs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public DataSource convertToEntityValue(String persistedValue, ConversionContext context) {
        if (persistedValue == null || persistedValue.isBlank()) {
            return DataSource.EMPTY;
        }
        try {
            return new DataSource(json.readValue(persistedValue, PAIRS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
