package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencobrowse.realtime.Json;

/**
 * Records the bench fixture: runs {@link DemoFlow} (the real recorder in Chromium on the demo shop) and writes each
 * DOM frame the node received as one line {@code {"at": ms, "snapshot": bool, "events": [...]}} to
 * {@code src/main/resources/bench/demo-flow.jsonl} (or the path given as the first argument). Run it with
 * {@code ./cobrowse bench record-fixture} (see docs/performance.md).
 */
public final class RecordDemoFlow {
    private RecordDemoFlow() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/bench/demo-flow.jsonl");
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        long last = 0;
        try (DemoFlow flow = DemoFlow.start()) {
            flow.walk();
            DemoFlow.pause(300);
            for (DemoFlow.Received r : flow.domFrames()) {
                JsonNode frame = Json.MAPPER.readTree(r.text());
                ObjectNode line = Json.object().put("at", r.atMillis())
                        .put("snapshot", frame.path("snapshot").asBoolean());
                line.set("events", frame.get("events"));
                lines.add(Json.MAPPER.writeValueAsString(line));
                bytes += r.text().length();
                last = r.atMillis();
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines);
        System.out.printf("Recorded %d DOM frames, %,d characters over %.1f s into %s%n", lines.size(), bytes,
                last / 1000.0, out);
        System.exit(0);
    }
}
