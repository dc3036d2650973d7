package org.opencobrowse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.Pause;
import org.opencobrowse.testing.PrometheusText;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.TlsFiles;

/**
 * Nodes on a redis-server that speaks TLS only and requires client certificates (a private CA, as an operator's
 * internal Redis has): with the CA and a client certificate they form a cluster; without either they refuse to
 * start, saying why.
 */
class RedisTlsTest {
    private static TlsFiles tls;
    private static RedisServer redis;

    @BeforeAll
    static void start() {
        tls = TlsFiles.create();
        redis = RedisServer.startTls(tls);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static TestNode node(String name) {
        return TestNode.start("--redis.uri=" + redis.uri(), "--node.name=" + name,
                "--redis.tlsCaFile=" + tls.caCert(), "--redis.tlsCertFile=" + tls.clientCert(),
                "--redis.tlsKeyFile=" + tls.clientKey());
    }

    @Test
    void twoNodesShareASessionOverTls() throws Exception {
        assertThat(redis.uri()).startsWith("rediss://");
        try (TestNode a = node("Tls_A"); TestNode b = node("Tls_B");
             Joined customer = SessionFixture.customer(a);
             Joined agent = SessionFixture.agent(b, customer.sessionToken(), 2, "Bob")) {
            customer.ws().send("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":2,\"data\":{\"n\":7}}]}");
            assertThat(agent.ws().await("dom").path("events").get(0).path("data").path("n").asInt()).isEqualTo(7);

            HttpResponse<String> found = b.get("/rest/live/sessions/" + customer.sessionToken(), "Origin",
                    "http://localhost:" + b.port());
            assertThat(found.body()).contains("\"sessionServerName\":\"Tls_A\"");
            assertThat(redisUp(b)).isEqualTo(1.0); // the node's own check (PING, heartbeat) over TLS
        }
    }

    /** cobrowse_redis_up once the node's first Redis check (every second) has run. */
    private static double redisUp(TestNode node) throws Exception {
        double up = 0;
        for (int i = 0; i < 50 && up == 0; i++) {
            up = new PrometheusText(node.get("/metrics").body()).value("cobrowse_redis_up");
            Pause.millis(100);
        }
        return up;
    }

    @Test
    void withoutThePrivateCaTheServerIsNotTrusted() {
        assertThatThrownBy(() -> TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Untrusting",
                "--redis.tlsCertFile=" + tls.clientCert(), "--redis.tlsKeyFile=" + tls.clientKey()))
                .rootCause().hasMessageContaining("certification path");
        assertThatThrownBy(() -> TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Untrusting"))
                .cause().hasMessageStartingWith("cannot connect to Redis at " + redis.uri() + ": ")
                .hasMessageContaining("certification path");
        String withPassword = redis.uri().replace("rediss://", "rediss://cobrowse:s3cret@pass@");
        assertThatThrownBy(() -> TestNode.start("--redis.uri=" + withPassword, "--node.name=Untrusting"))
                .cause().hasMessageContaining("rediss://***@127.0.0.1:").hasMessageNotContaining("s3cret").hasMessageNotContaining("pass@");
    }

    @Test
    void withoutAClientCertificateTheServerRefusesTheNode() {
        assertThatThrownBy(() -> TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Anonymous",
                "--redis.tlsCaFile=" + tls.caCert()))
                .cause().hasMessageStartingWith("cannot connect to Redis at " + redis.uri() + ": ")
                .hasMessageContaining("certificate_required");
    }
}
