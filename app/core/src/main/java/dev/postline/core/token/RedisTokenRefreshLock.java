package dev.postline.core.token;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The cluster-wide refresh lock: {@code SET key <owner> NX PX ttl} in Redis, released only by its
 * owner (compare-and-delete in one script), so a node whose lease already expired cannot free its
 * successor's lock. Active when {@code postline.redis.uri} is set.
 */
@Singleton
@Requires(property = TokenRefreshLock.REDIS_URI_PROPERTY)
public class RedisTokenRefreshLock implements TokenRefreshLock, AutoCloseable {

    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final long POLL_MILLIS = 50;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public RedisTokenRefreshLock(@Property(name = TokenRefreshLock.REDIS_URI_PROPERTY) String uri) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
    }

    @Override
    public Optional<Lease> acquire(String key, Duration ttl, Duration wait) throws InterruptedException {
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if ("OK".equals(commands().set(key, owner, SetArgs.Builder.nx().px(ttl.toMillis())))) {
                return Optional.of(() -> commands().<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, owner));
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    @PreDestroy
    public void close() {
        connection.close();
        client.shutdown();
    }
}
