package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencobrowse.config.ConfigException;
import org.opencobrowse.testing.SharedRedis;

/** What every {@link NodeRegistry} must do, in memory and on Redis: unique names, liveness, release. */
class NodeRegistryContractTest {
    private final List<RedisConnector> open = new ArrayList<>();
    private final Map<String, Object> sharedMap = new ConcurrentHashMap<>();

    @BeforeEach
    void flush() {
        SharedRedis.flush();
    }

    @AfterEach
    void close() {
        open.forEach(RedisConnector::close);
    }

    private NodeRegistry registry(String kind, Duration timeout) {
        if (kind.equals("in-memory")) {
            return new InMemoryNodeRegistry(sharedMap);
        }
        RedisConnector redis = SharedRedis.connect();
        open.add(redis);
        return new RedisNodeRegistry(redis, timeout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void aNameIsTakenOnceAndFreedOnDeregister(String kind) {
        NodeRegistry first = registry(kind, Duration.ofSeconds(5));
        NodeRegistry second = registry(kind, Duration.ofSeconds(5));
        first.register("Node_A", Optional.empty());

        assertThat(first.isAlive("Node_A")).isTrue();
        assertThat(second.isAlive("Node_B")).isFalse();
        assertThatThrownBy(() -> second.register("Node_A", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Node_A");
        assertThat(first.heartbeat()).isTrue();

        first.deregister();
        assertThat(second.isAlive("Node_A")).isFalse();
        second.register("Node_A", Optional.empty());
        assertThat(first.isAlive("Node_A")).isTrue();
    }

    @Test
    void redisNodeThatStopsHeartbeatingExpires() throws Exception {
        NodeRegistry dying = registry("redis", Duration.ofMillis(300));
        NodeRegistry other = registry("redis", Duration.ofMillis(300));
        dying.register("Node_A", Optional.empty());
        assertThat(other.isAlive("Node_A")).isTrue();
        Thread.sleep(600);
        assertThat(other.isAlive("Node_A")).isFalse();
        other.register("Node_A", Optional.empty());
        assertThat(dying.heartbeat()).as("the old instance lost the name").isFalse();
    }
}
