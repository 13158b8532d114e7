package dev.postline.core.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies must use the JSON type a field declares. Left to itself the deserializer coerces
 * ({@code "enabled": "yes"} became {@code false}, {@code "name": 12} became {@code "12"}), which
 * turns a client's mistake into a silent change. These replace the lenient defaults.
 */
@Factory
class StrictJsonScalars {

    @Singleton
    Deserializer<Boolean> strictBoolean() {
        return new Strict<>(node -> node.isBoolean() ? node.getBooleanValue() : null, "true or false");
    }

    @Singleton
    Deserializer<String> strictString() {
        return new Strict<>(node -> node.isString() ? node.getStringValue() : null, "a string");
    }

    private interface Extract<T> {
        T from(JsonNode node);
    }

    private record Strict<T>(Extract<T> extract, String expected) implements Deserializer<T>, Ordered {

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            T value = extract.from(node);
            if (value == null) {
                throw decoder.createDeserializationException("expected " + expected, null);
            }
            return value;
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
