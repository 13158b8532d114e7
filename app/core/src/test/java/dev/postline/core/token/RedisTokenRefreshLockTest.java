package dev.postline.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh lock against the real Redis on 127.0.0.1:6379; each lock instance plays one node. */
class RedisTokenRefreshLockTest {

    static final String REDIS = "redis://127.0.0.1:6379";

    RedisTokenRefreshLock nodeA;
    RedisTokenRefreshLock nodeB;
    String key;

    @BeforeEach
    void nodes() {
        nodeA = new RedisTokenRefreshLock(REDIS);
        nodeB = new RedisTokenRefreshLock(REDIS);
        key = "postline:test:token-refresh:" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void onlyOneNodeHoldsTheLockUntilItReleasesIt() throws Exception {
        Optional<TokenRefreshLock.Lease> first = nodeA.acquire(key, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(first).isPresent();

        assertThat(nodeB.acquire(key, Duration.ofSeconds(30), Duration.ofMillis(200))).isEmpty();

        first.get().close();
        assertThat(nodeB.acquire(key, Duration.ofSeconds(30), Duration.ofSeconds(5))).isPresent();
    }

    @Test
    void aLeaseOfADeadNodeExpires_andItsLateReleaseDoesNotFreeTheSuccessorsLock() throws Exception {
        TokenRefreshLock.Lease dead = nodeA.acquire(key, Duration.ofMillis(300), Duration.ZERO).orElseThrow();

        TokenRefreshLock.Lease successor = nodeB.acquire(key, Duration.ofSeconds(30), Duration.ofSeconds(10)).orElseThrow();
        dead.close(); // the paused node wakes up and releases what it believes it holds

        assertThat(nodeA.acquire(key, Duration.ofSeconds(30), Duration.ofMillis(200))).isEmpty();
        successor.close();
    }
}
