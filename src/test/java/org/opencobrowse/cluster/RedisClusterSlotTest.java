package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencobrowse.realtime.Frames;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.store.RedisEventBuffer;
import org.opencobrowse.store.RedisSessionStore;
import org.opencobrowse.testing.RedisCluster;

/**
 * On a real 3-master Redis Cluster, one session's keys share a hash slot, so the multi-key scripts run (a wrong hash
 * tag fails with CROSSSLOT), and sessions spread over the masters.
 */
class RedisClusterSlotTest {

    @Test
    void aSessionsKeysShareOneSlotAndScriptsWorkOnTheCluster() {
        try (RedisCluster cluster = RedisCluster.start();
             RedisConnector redis = RedisConnector.connect(cluster.uris(), true, Duration.ofSeconds(2))) {
            String token = "845800826";
            List<String> keys = List.of(RedisKeys.session(token), RedisKeys.events(token),
                    RedisKeys.eventBytes(token), RedisKeys.eventSeq(token), RedisKeys.channel(token),
                    RedisKeys.history(token));
            long slot = redis.sync().clusterKeyslot(keys.get(0));
            for (String key : keys) {
                assertThat(redis.sync().clusterKeyslot(key)).as(key).isEqualTo(slot);
            }

            RedisEventBuffer buffer = new RedisEventBuffer(redis, 1 << 20, Duration.ofMinutes(1));
            buffer.append(token, true, "[1]");
            assertThat(buffer.append(token, false, "[2]").frame()).isEqualTo(Frames.dom(2, false, "[2]"));

            RedisSessionStore store = new RedisSessionStore(redis, "Node_A", Duration.ofMinutes(1));
            for (int i = 0; i < 30; i++) {
                String t = String.format("%09d", 100_000_000 + i * 7919);
                store.insert(CobrowseSession.created(t, "s", "Node_A", Optional.empty(), "h" + i, 1));
                store.update(t, s -> s.withHost("Node_B", Optional.empty()));
            }
            assertThat(store.all()).hasSize(30).allMatch(s -> s.hostNode().equals("Node_B"));
            long distinctMasters = store.all().stream()
                    .map(s -> redis.sync().clusterKeyslot(RedisKeys.session(s.token())))
                    .map(slotOf -> slotOf * 3 / 16384).distinct().count();
            assertThat(distinctMasters).as("sessions spread over the masters' slot ranges").isGreaterThan(1);
        }
    }
}
