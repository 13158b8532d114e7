package dev.postline.server.support;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.core.connector.ConnectorRegistry;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

/**
 * An installation without one connector module ({@code test.without-connector=<kind>}): the real
 * connectors found on the classpath, that one left out. The server tests install a stand-in
 * {@code forwarding} connector; this shows what an installation without it does.
 */
@Singleton
@Replaces(ConnectorRegistry.class)
@Requires(property = "test.without-connector")
public class ConnectorsWithout extends ConnectorRegistry {

    public ConnectorsWithout(@Value("${test.without-connector}") String kind) {
        super(StreamSupport.stream(ServiceLoader.load(ConnectorFactory.class, ConnectorRegistry.class.getClassLoader()).spliterator(), false)
                .filter(factory -> !factory.kind().equals(kind)).toList());
    }
}
