package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opencobrowse.realtime.Json;

/**
 * The realistic traffic the bench replays: the {@code dom} frames the real recorder (gcb.min.js) sent while Chromium
 * went through the demo shop, one JSON object a line in {@code bench/demo-flow.jsonl} on the classpath
 * ({@code {"at": ms since the first frame, "snapshot": bool, "events": [...]}}), recorded by
 * {@code RecordDemoFlow} (test scope). Each replayed frame gets one extra rrweb custom event first (type 5, tag
 * {@code bench}) that carries its session-local number and send time, so agents can measure latency, loss and order.
 */
final class Fixture {
    static final String RESOURCE = "bench/demo-flow.jsonl";
    /** What precedes the frame number in every replayed frame; agents look for it near the start of a frame. */
    static final String MARKER = "{\"type\":5,\"data\":{\"tag\":\"bench\",\"payload\":{\"n\":";

    private final String snapshotFrame;
    /** The events of each incremental frame, without the array's brackets. */
    private final List<String> incremental;
    private final long recordedMillis;
    private final long recordedBytes;

    private Fixture(String snapshotFrame, List<String> incremental, long recordedMillis, long recordedBytes) {
        this.snapshotFrame = snapshotFrame;
        this.incremental = incremental;
        this.recordedMillis = recordedMillis;
        this.recordedBytes = recordedBytes;
    }

    static Fixture load() throws IOException {
        InputStream in = Fixture.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing: record it with RecordDemoFlow (docs/performance.md)");
        }
        String snapshot = null;
        List<String> incremental = new ArrayList<>();
        long lastAt = 0;
        long bytes = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode frame = Json.MAPPER.readTree(line);
                String events = Json.MAPPER.writeValueAsString(frame.get("events"));
                bytes += events.length() + 40;
                lastAt = frame.path("at").asLong();
                if (frame.path("snapshot").asBoolean()) {
                    if (snapshot == null) {
                        snapshot = "{\"type\":\"dom\",\"snapshot\":true,\"events\":" + events + "}";
                    }
                } else if (events.length() > 2) {
                    incremental.add(events.substring(1, events.length() - 1));
                }
            }
        }
        if (snapshot == null || incremental.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " needs a snapshot frame and incremental frames");
        }
        return new Fixture(snapshot, incremental, lastAt, bytes);
    }

    /** The first full snapshot frame of the recording, as the customer sent it. */
    String snapshotFrame() {
        return snapshotFrame;
    }

    /** Incremental frame number {@code n} of the replay (the recording loops), carrying {@code n} and its send time. */
    String frame(long n, long sendNanos) {
        String events = incremental.get((int) (n % incremental.size()));
        return new StringBuilder(events.length() + 160)
                .append("{\"type\":\"dom\",\"snapshot\":false,\"events\":[").append(MARKER).append(n)
                .append(",\"t\":").append(sendNanos).append("}},\"timestamp\":").append(System.currentTimeMillis())
                .append("},").append(events).append("]}").toString();
    }

    int incrementalFrames() {
        return incremental.size();
    }

    /** Mean size of an incremental frame's events, in characters. */
    double meanIncrementalChars() {
        return incremental.stream().mapToInt(String::length).average().orElse(0);
    }

    long recordedMillis() {
        return recordedMillis;
    }

    long recordedBytes() {
        return recordedBytes;
    }

    /**
     * A synthetic full snapshot of about {@code bytes} characters: an rrweb document whose body holds rows of
     * elements with attributes and text, so that the server tokenises many small JSON values as in a real page.
     */
    static String largeSnapshotFrame(int bytes) {
        StringBuilder b = new StringBuilder(bytes + 512);
        b.append("{\"type\":\"dom\",\"snapshot\":true,\"events\":[{\"type\":4,\"data\":{\"href\":\"http://127.0.0.1/")
                .append("shop/demo/big.html\",\"width\":1280,\"height\":900},\"timestamp\":1}, {\"type\":2,\"data\":")
                .append("{\"node\":{\"type\":0,\"childNodes\":[{\"type\":2,\"tagName\":\"body\",\"attributes\":{},")
                .append("\"childNodes\":[");
        int id = 10;
        boolean first = true;
        while (b.length() < bytes - 200) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"type\":2,\"tagName\":\"div\",\"attributes\":{\"class\":\"row product-").append(id % 97)
                    .append("\",\"data-sku\":\"SKU-").append(id).append("\"},\"childNodes\":[{\"type\":3,")
                    .append("\"textContent\":\"Product ").append(id).append(" in stock, ships in 2 days\",\"id\":")
                    .append(id + 1).append("}],\"id\":").append(id).append('}');
            id += 2;
        }
        b.append("],\"id\":3}],\"id\":1},\"initialOffset\":{\"left\":0,\"top\":0}},\"timestamp\":2}]}");
        return b.toString();
    }
}
