package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.SessionFixture.Joined;
import org.opencobrowse.testing.TestNode;

/**
 * An agent that stops reading cannot grow the server's heap: its backlog is dropped at the per-connection cap and it is
 * closed with 4101 slow_consumer, while a reading agent of the same session gets every frame.
 */
public class SlowAgentTest {
    private static final int FRAMES = 400;

    /** Reads until join.ok, then stops asking the network for data until {@link #readAgain}. */
    public static final class StalledAgent implements Session.Listener {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private volatile Session session;
        private volatile boolean reading = true;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            session.demand();
        }

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
            if (message.contains("\"join.ok\"")) {
                reading = false;
            }
            if (reading) {
                session.demand();
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closeCode.complete(statusCode);
            callback.succeed();
        }

        void readAgain() {
            reading = true;
            session.demand();
        }

        long domFrames() {
            return received.stream().filter(m -> m.startsWith("{\"type\":\"dom\"")).count();
        }
    }

    @Test
    void aStalledAgentIsCutOffAtItsCapWhileOthersGetEverything() throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try (TestNode node = TestNode.start("--realtime.maxDomFrameSize=64KiB", "--realtime.maxControlFrameSize=16KiB",
                "--session.maxBufferSize=128KiB", "--limits.eventsPerSecond=100000");
             Joined customer = SessionFixture.customer(node);
             Joined reader = SessionFixture.agent(node, customer.sessionToken(), 2, "Reader")) {
            StalledAgent stalled = new StalledAgent();
            Session socket = client.connect(stalled, URI.create(node.wsUri().toString())).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"join\",\"id\":1,\"sessionToken\":\"" + customer.sessionToken()
                    + "\",\"role\":2,\"name\":\"Stalled\"}", Callback.NOOP);
            long deadline = System.currentTimeMillis() + 10_000;
            while (stalled.received.stream().noneMatch(m -> m.contains("\"join.ok\""))) {
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                Thread.sleep(10);
            }

            // 400 frames of 60 kB (24 MB, far more than loopback socket buffers hold), paced at about 12 MB/s so that
            // the reading agent, whose cap is as small, keeps up even on a loaded machine.
            String padding = "x".repeat(60_000);
            for (int i = 0; i < FRAMES; i++) {
                Thread.sleep(5);
                customer.ws().send("{\"type\":\"dom\",\"snapshot\":" + (i == 0) + ",\"events\":[{\"type\":3,\"i\":"
                        + i + ",\"p\":\"" + padding + "\"}]}");
            }
            for (int i = 0; i < FRAMES; i++) {
                String frame;
                try {
                    frame = reader.ws().await("dom").toString();
                } catch (AssertionError e) {
                    throw new AssertionError("frame " + i + " missing; customer got " + customer.ws().unread(), e);
                }
                assertThat(frame).as("the reading agent gets every frame in order").contains("\"i\":" + i + ",");
            }

            stalled.readAgain();
            assertThat(stalled.closeCode.get(20, TimeUnit.SECONDS)).isEqualTo(4101);
            assertThat(stalled.domFrames()).as("the stalled agent's backlog was dropped").isLessThan(FRAMES);
            assertThat(customer.ws().request("ping").path("type").asText()).isEqualTo("pong");
        } finally {
            client.stop();
        }
    }
}
