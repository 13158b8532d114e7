package dev.postline.core.connector;

import dev.postline.connectors.api.ConnectorFactory;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors on the classpath, found through {@link ServiceLoader}: the core knows only the
 * SPI, the runnable server decides which connector modules exist.
 */
@Singleton
public class ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Map<String, ConnectorFactory> factories = new TreeMap<>();

    @Inject
    public ConnectorRegistry() {
        this(ServiceLoader.load(ConnectorFactory.class, ConnectorRegistry.class.getClassLoader()));
    }

    /** Exactly these connectors (an installation without some connector modules, e.g. in tests). */
    public ConnectorRegistry(Iterable<ConnectorFactory> installed) {
        for (ConnectorFactory factory : installed) {
            factories.putIfAbsent(factory.kind(), factory);
        }
    }

    /** The installed kinds, sorted. */
    public java.util.List<String> kinds() {
        return java.util.List.copyOf(factories.keySet());
    }

    @PostConstruct
    void report() {
        LOG.info("Active connectors: {}", factories.isEmpty() ? "none" : String.join(", ", kinds()));
    }

    public Optional<ConnectorFactory> find(String kind) {
        return Optional.ofNullable(factories.get(kind));
    }
}
