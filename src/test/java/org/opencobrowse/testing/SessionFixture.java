package org.opencobrowse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Creates sessions and joins participants over real sockets, as the customer script and agent console do. */
public final class SessionFixture {
    private SessionFixture() {
    }

    /** A participant who joined: its socket, session, userToken and the join reply. */
    public record Joined(WsClient ws, String sessionToken, String userToken, JsonNode reply) implements AutoCloseable {
        @Override
        public void close() {
            ws.close();
        }
    }

    /** A customer who created a session over the socket and took its seat. */
    public static Joined customer(TestNode node) {
        WsClient ws = WsClient.connect(node.wsUri());
        JsonNode created = ws.request("create");
        assertThat(created.path("type").asText()).isEqualTo("create.ok");
        String token = created.path("sessionToken").asText();
        JsonNode joined = ws.request("join", "sessionToken", token, "role", 1, "name", "Carla",
                "secret", created.path("customerSecret").asText());
        assertThat(joined.path("type").asText()).as(joined.toString()).isEqualTo("join.ok");
        return new Joined(ws, token, joined.path("userToken").asText(), joined);
    }

    /** Joins as an agent (role 2) or controller (role 3). */
    public static Joined agent(TestNode node, String sessionToken, int role, String name) {
        WsClient ws = WsClient.connect(node.wsUri());
        JsonNode joined = ws.request("join", "sessionToken", sessionToken, "role", role, "name", name);
        assertThat(joined.path("type").asText()).as(joined.toString()).isEqualTo("join.ok");
        return new Joined(ws, sessionToken, joined.path("userToken").asText(), joined);
    }

    /** A customer's incremental DOM frame whose one event carries {@code n} and {@code text} in its data. */
    public static String domFrame(int n, String text) {
        return "{\"type\":\"dom\",\"events\":[{\"type\":3,\"data\":{\"n\":" + n + ",\"text\":\"" + text
                + "\"}}]}";
    }
}
