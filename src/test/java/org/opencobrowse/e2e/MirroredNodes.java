package org.opencobrowse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.opencobrowse.testing.WsClient;

/**
 * The rrweb node ids of the customer's page as a raw agent socket sees them: read from the full snapshot of its first
 * {@code dom} frame, by the elements' {@code id} attributes. Lets a test send commands naming real nodes.
 */
final class MirroredNodes {
    private static final int FULL_SNAPSHOT = 2;

    private final Map<String, Integer> byElementId = new HashMap<>();

    private MirroredNodes() {
    }

    /** Waits for the agent's next snapshot frame and indexes it. */
    static MirroredNodes fromSnapshot(WsClient agent) {
        JsonNode dom = agent.await(f -> f.path("type").asText().equals("dom") && f.path("snapshot").asBoolean());
        MirroredNodes nodes = new MirroredNodes();
        for (JsonNode event : dom.path("events")) {
            if (event.path("type").asInt() == FULL_SNAPSHOT) {
                nodes.collect(event.path("data").path("node"));
            }
        }
        return nodes;
    }

    int id(String elementId) {
        Integer id = byElementId.get(elementId);
        if (id == null) {
            throw new AssertionError("No mirrored element #" + elementId + " in the snapshot");
        }
        return id;
    }

    private void collect(JsonNode node) {
        String elementId = node.path("attributes").path("id").asText("");
        if (!elementId.isEmpty()) {
            byElementId.put(elementId, node.path("id").asInt());
        }
        for (JsonNode child : node.path("childNodes")) {
            collect(child);
        }
    }
}
