package org.opencobrowse.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.RedisServer;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.TestNode;

/**
 * Two real nodes on one Redis, the customer on the first and the agent's browser on the second (no stickiness for
 * plain HTTP requests): an asset the customer uploaded through node A is served by node B, with the same key.
 */
class ClusteredAssetsTest {
    private static final String ASSET = "https://intranet.example.com/private/logo.png";

    @Test
    void anUploadThroughOneNodeIsServedByAnother() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestNode a = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_A");
             TestNode b = TestNode.start("--redis.uri=" + redis.uri(), "--node.name=Node_B");
             SessionFixture.Joined customer = SessionFixture.customer(a)) {
            HttpResponse<byte[]> upload = ProxyRig.send(HttpRequest.newBuilder(
                            URI.create(a.uri("/proxy/upload?u=" + URLEncoder.encode(ASSET, StandardCharsets.UTF_8))
                                    .toString()))
                    .header("Content-Type", "image/png").header(AssetRoutes.USER_HEADER, customer.userToken())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AssetProxyTest.PNG)));
            assertThat(upload.statusCode()).isEqualTo(204);

            String query = "/proxy?s=" + customer.sessionToken() + "&k=" + AssetKey.of(customer.userToken())
                    + "&u=" + URLEncoder.encode(ASSET, StandardCharsets.UTF_8) + "&up=1";
            HttpResponse<byte[]> onB = ProxyRig.send(HttpRequest.newBuilder(b.uri(query)).GET());
            HttpResponse<byte[]> wrongKey = ProxyRig.send(HttpRequest.newBuilder(
                    b.uri(query.replace(AssetKey.of(customer.userToken()), AssetKey.of("someone else")))).GET());

            assertThat(onB.statusCode()).isEqualTo(200);
            assertThat(onB.body()).isEqualTo(AssetProxyTest.PNG);
            assertThat(onB.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(wrongKey.statusCode()).isEqualTo(404);
        }
    }
}
