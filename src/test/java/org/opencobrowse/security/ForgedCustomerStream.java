package org.opencobrowse.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencobrowse.testing.WsClient;

/**
 * The rrweb events a malicious customer sends instead of its recorder's: a full snapshot and mutations that carry the
 * XSS corpus (parsed by a browser into rrweb nodes) plus hand-made nodes only a forged stream can hold (upper-case
 * script tags, control characters in URLs, escaped CSS, attribute and text mutations of existing nodes...).
 */
final class ForgedCustomerStream {
    static final String HARMLESS_TEXT = "HARMLESS-MARKER-TEXT";
    static final String DONE_TEXT = "STREAM-DONE";
    /** A 1×1 GIF: data: images must survive the sanitiser. */
    static final String HARMLESS_IMAGE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    private static final int DOCUMENT = 1;
    private static final int HEAD = 4;
    private static final int BODY = 5;

    private final BeaconServer beacons;
    private final ArrayNode bodyNodes = WsClient.JSON.createArrayNode();
    private final ArrayNode headNodes = WsClient.JSON.createArrayNode();
    private final ArrayNode adds = WsClient.JSON.createArrayNode();
    private final ArrayNode attributeChanges = WsClient.JSON.createArrayNode();
    private final ArrayNode textChanges = WsClient.JSON.createArrayNode();
    private final ArrayNode extraEvents = WsClient.JSON.createArrayNode();
    private int nextId = 1_000_000;
    private int nextPosition = 5000;

    ForgedCustomerStream(BeaconServer beacons) {
        this.beacons = beacons;
    }

    /** The corpus, numbered from 1, with its placeholders filled in. */
    static List<String> corpus(BeaconServer beacons) {
        try (InputStream in = ForgedCustomerStream.class.getResourceAsStream("/security/xss-corpus.txt")) {
            List<String> payloads = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int n = payloads.size() + 1;
                payloads.add(line.replace("XSS()", "top.__xss(" + n + ")").replace("{beacon}", beacons.url(n))
                        .replace("{n}", String.valueOf(n)));
            }
            return payloads;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds parsed payloads: even ones in the snapshot, odd ones as mutations; body attributes onto the body. */
    void addParsedPayloads(List<Map<String, Object>> parsed) {
        for (int i = 0; i < parsed.size(); i++) {
            ObjectNode container = element("div", "data-payload", String.valueOf(i + 1));
            ArrayNode children = container.withArray("childNodes");
            WsClient.JSON.valueToTree(parsed.get(i).get("nodes")).forEach(children::add);
            if (i % 2 == 0) {
                bodyNodes.add(container);
            } else {
                addFlattened(BODY, container);
            }
            JsonNode bodyAttributes = WsClient.JSON.valueToTree(parsed.get(i).get("bodyAttributes"));
            if (bodyAttributes.size() > 0) {
                attributeChanges.add(WsClient.JSON.createObjectNode().put("id", BODY).set("attributes", bodyAttributes));
            }
        }
    }

    /** The dangerous positions no HTML parser produces, each with its own payload number from 5000 on. */
    void addForgedPositions() {
        ForgedPositions.addTo(this);
    }

    int position() {
        return nextPosition++;
    }

    String code(int n) {
        return "top.__xss(" + n + ")";
    }

    String beacon(int n) {
        return beacons.url(n);
    }

    ObjectNode element(String tag, String... attributes) {
        ObjectNode node = WsClient.JSON.createObjectNode().put("type", 2).put("id", nextId++).put("tagName", tag);
        ObjectNode map = node.putObject("attributes");
        for (int i = 0; i < attributes.length; i += 2) {
            map.put(attributes[i], attributes[i + 1]);
        }
        node.putArray("childNodes");
        return node;
    }

    ObjectNode text(String content) {
        return WsClient.JSON.createObjectNode().put("type", 3).put("id", nextId++).put("textContent", content);
    }

    void inSnapshot(ObjectNode node) {
        bodyNodes.add(node);
    }

    void inHead(ObjectNode node) {
        headNodes.add(node);
    }

    void asAdd(ObjectNode node) {
        addFlattened(BODY, node);
    }

    /** rrweb adds one node per entry (children are separate entries naming their parent), in document order here. */
    private void addFlattened(int parentId, ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        JsonNode children = copy.path("childNodes");
        if (copy.has("childNodes")) {
            copy.putArray("childNodes");
        }
        adds.add(add(parentId, copy));
        children.forEach(child -> addFlattened(node.path("id").asInt(), (ObjectNode) child));
    }

    void attributeChange(int id, ObjectNode attributes) {
        attributeChanges.add(WsClient.JSON.createObjectNode().put("id", id).set("attributes", attributes));
    }

    void textChange(int id, String value) {
        textChanges.add(WsClient.JSON.createObjectNode().put("id", id).put("value", value));
    }

    /** An incremental event of rrweb source {@code source} sent after the mutation. */
    void incremental(int source, ObjectNode data) {
        data.put("source", source);
        extraEvents.add(event(3, data));
    }

    /** The first frame: Meta and the full snapshot (the harmless marker text plus the snapshot's payloads). */
    String snapshotFrame() {
        ObjectNode meta = event(4, WsClient.JSON.createObjectNode().put("href", "https://shop.example/xss")
                .put("width", 1200).put("height", 2000));
        ObjectNode head = element("head");
        head.put("id", HEAD).set("childNodes", headNodes);
        ObjectNode body = element("body");
        body.put("id", BODY);
        ArrayNode children = body.withArray("childNodes");
        ObjectNode marker = element("p", "id", "harmless");
        marker.withArray("childNodes").add(text(HARMLESS_TEXT));
        children.add(marker);
        children.add(element("img", "id", "harmless-image", "src", HARMLESS_IMAGE));
        children.add(element("div", "id", "harmless-style", "style", "color: rgb(1, 2, 3)"));
        bodyNodes.forEach(children::add);
        ObjectNode html = element("html");
        html.put("id", 3).putArray("childNodes").add(head).add(body);
        ObjectNode document = WsClient.JSON.createObjectNode().put("type", 0).put("id", DOCUMENT);
        document.putArray("childNodes").add(WsClient.JSON.createObjectNode().put("type", 1).put("id", 2)
                .put("name", "html").put("publicId", "").put("systemId", "")).add(html);
        ObjectNode data = WsClient.JSON.createObjectNode().set("node", document);
        data.putObject("initialOffset").put("top", 0).put("left", 0);
        return frame(true, WsClient.JSON.createArrayNode().add(meta).add(event(2, data)));
    }

    /** The second frame: one mutation (adds, attribute and text changes, the done marker last) and the extras. */
    String mutationFrame() {
        ObjectNode mutation = WsClient.JSON.createObjectNode().put("source", 0);
        ArrayNode allAdds = adds.deepCopy();
        allAdds.add(add(BODY, element("p", "id", "xss-done")));
        int doneId = allAdds.get(allAdds.size() - 1).path("node").path("id").asInt();
        allAdds.add(add(doneId, text(DONE_TEXT)));
        mutation.set("adds", allAdds);
        mutation.putArray("removes");
        mutation.set("texts", textChanges);
        mutation.set("attributes", attributeChanges);
        ArrayNode events = WsClient.JSON.createArrayNode().add(event(3, mutation));
        extraEvents.forEach(events::add);
        return frame(false, events);
    }

    private ObjectNode add(int parentId, ObjectNode node) {
        ObjectNode add = WsClient.JSON.createObjectNode().put("parentId", parentId);
        add.putNull("nextId");
        return add.set("node", node);
    }

    private static ObjectNode event(int type, ObjectNode data) {
        return WsClient.JSON.createObjectNode().put("type", type).put("timestamp", System.currentTimeMillis())
                .set("data", data);
    }

    private static String frame(boolean snapshot, ArrayNode events) {
        ObjectNode frame = WsClient.JSON.createObjectNode().put("type", "dom").put("snapshot", snapshot);
        return frame.set("events", events).toString();
    }
}
