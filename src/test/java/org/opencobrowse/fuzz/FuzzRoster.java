package org.opencobrowse.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opencobrowse.testing.TestNode;

/**
 * The sockets frames are fuzzed from: one not joined, and the customer, an agent and a controller of a session of
 * their own (never the healthy one). When fuzzing closes one of them, the roster is rebuilt on a new session.
 */
final class FuzzRoster implements AutoCloseable {
    static final List<String> SLOTS = List.of("unjoined", "customer", "agent", "controller");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestNode node;
    private final List<FuzzSocket> sockets = new ArrayList<>();
    private FrameGenerator.Target target;

    FuzzRoster(TestNode node) {
        this.node = node;
        build();
    }

    private void build() {
        FuzzSocket unjoined = FuzzSocket.connect(node.wsUri());
        FuzzSocket customer = FuzzSocket.connect(node.wsUri());
        JsonNode created = customer.request("{\"type\":\"create\",\"id\":\"c\"}", "c", WAIT);
        String token = created.path("sessionToken").asText();
        String secret = created.path("customerSecret").asText();
        JsonNode c = customer.request("{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + token
                + "\",\"role\":1,\"secret\":\"" + secret + "\"}", "j", WAIT);
        FuzzSocket agent = FuzzSocket.connect(node.wsUri());
        JsonNode a = agent.request(join(token, 2), "j", WAIT);
        FuzzSocket controller = FuzzSocket.connect(node.wsUri());
        JsonNode k = controller.request(join(token, 3), "j", WAIT);
        for (JsonNode reply : List.of(c, a, k)) {
            if (reply == null || !reply.path("type").asText().equals("join.ok")) {
                throw new AssertionError("The fuzz roster could not join: " + reply);
            }
        }
        sockets.clear();
        sockets.addAll(List.of(unjoined, customer, agent, controller));
        target = new FrameGenerator.Target(token, secret,
                List.of(c.path("userId").asText(), a.path("userId").asText(), k.path("userId").asText()),
                List.of(c.path("userToken").asText(), a.path("userToken").asText(), k.path("userToken").asText()));
    }

    private static String join(String token, int role) {
        return "{\"type\":\"join\",\"id\":\"j\",\"sessionToken\":\"" + token + "\",\"role\":" + role
                + ",\"name\":\"Fuzz " + role + "\"}";
    }

    FrameGenerator.Target target() {
        return target;
    }

    FuzzSocket socket(int slot) {
        return sockets.get(slot);
    }

    /** Closes every socket and joins a new session. */
    void rebuild() {
        close();
        build();
    }

    @Override
    public void close() {
        sockets.forEach(FuzzSocket::close);
    }
}
