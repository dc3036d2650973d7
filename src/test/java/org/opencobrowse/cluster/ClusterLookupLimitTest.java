package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;

/**
 * Session-code guessing is counted for the whole cluster: a balancer that spreads a guesser's requests over the nodes
 * does not multiply its attempts, and the lockout holds on every node.
 */
class ClusterLookupLimitTest {
    @Test
    void guessesSpreadOverTwoNodesCountTogether() {
        try (RedisServer redis = RedisServer.start();
             TestNode a = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Limit_A",
                     "--limits.failedLookups=3", "--limits.lockout=1m");
             TestNode b = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Limit_B",
                     "--limits.failedLookups=3", "--limits.lockout=1m");
             Joined customer = SessionFixture.customer(a)) {
            String real = "/rest/live/sessions/" + customer.sessionToken();
            TestNode[] nodes = {a, b};
            for (int i = 0; i < 4; i++) { // two failures on each node: the fourth of the cluster starts the lockout
                TestNode node = nodes[i % 2];
                assertThat(node.get("/rest/live/sessions/00000000" + i, "Origin", origin(node)).statusCode())
                        .isEqualTo(404);
            }
            for (TestNode node : nodes) {
                var refused = node.get(real, "Origin", origin(node));
                assertThat(refused.statusCode()).as(node.node().baseUri().toString()).isEqualTo(429);
                assertThat(refused.body()).contains("\"error\":\"rate_limited\"");
            }
        }
    }

    private static String origin(TestNode node) {
        return "http://localhost:" + node.port();
    }
}
