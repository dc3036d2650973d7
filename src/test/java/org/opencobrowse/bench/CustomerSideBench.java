package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencobrowse.realtime.Json;
import org.openqa.selenium.By;

/**
 * Scenario f, the customer side, in Chromium with the real customer script: (1) bytes per second the script sends
 * over the {@link DemoFlow} walk, raw and as permessage-deflate sends them; (2) the time rrweb takes for a full
 * snapshot of a page of 10,000 nodes (from its Meta event to its FullSnapshot event, both stamped in the browser)
 * and until the node has the frame. Prints medians of {@code --runs} (default 5) and writes {@code --json=FILE}.
 */
public final class CustomerSideBench {
    private static final int PAGE_NODES = 10_000;
    private static final double TARGET_KBIT_PER_S = 50;

    private CustomerSideBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path json = Path.of("target/bench/customer.json");
        for (String arg : args) {
            if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--json=")) {
                json = Path.of(arg.substring(7));
            }
        }
        List<double[]> flows = new ArrayList<>();
        List<double[]> snapshots = new ArrayList<>();
        try (DemoFlow flow = DemoFlow.start()) {
            for (int run = 0; run < runs; run++) {
                flow.customer.driver().get(flow.site.page("index.html"));
                flow.customer.js("sessionStorage.clear(); localStorage.clear();");
                flow.walk();
                double seconds = flow.elapsedMillis() / 1000.0;
                List<DemoFlow.Received> all = new ArrayList<>(flow.inbound);
                long[] bytes = DemoFlow.wireBytes(all);
                double[] figures = {seconds, bytes[0] * 8 / seconds / 1000, bytes[1] * 8 / seconds / 1000, all.size()};
                flows.add(figures);
                System.out.printf(Locale.ROOT, "  flow %d: %.1f s, %d frames, %.1f kbit/s raw, %.1f kbit/s deflated%n",
                        run + 1, seconds, all.size(), figures[1], figures[2]);
            }
            for (int run = 0; run < runs; run++) {
                double[] s = bigPageSnapshot(flow);
                snapshots.add(s);
                System.out.printf(Locale.ROOT, "  snapshot %d: %.0f nodes, %.0f ms in rrweb, %.0f ms to the node,"
                        + " %.0f KB%n", run + 1, s[0], s[1], s[2], s[3] / 1024);
            }
        }
        double kbitDeflated = median(flows, 2);
        System.out.printf(Locale.ROOT, "%n== f. Customer side (Chromium, gcb.min.js, median of %d) ==%n", runs);
        System.out.printf(Locale.ROOT, "demo flow:  %.1f s, %.0f frames, %.1f kbit/s raw, %.1f kbit/s after"
                + " permessage-deflate%n", median(flows, 0), median(flows, 3), median(flows, 1), kbitDeflated);
        System.out.printf(Locale.ROOT, "snapshot of a %,.0f-node page: %.0f ms in rrweb, %.0f ms until the node has"
                + " it, %.0f KB%n", median(snapshots, 0), median(snapshots, 1), median(snapshots, 2),
                median(snapshots, 3) / 1024);
        System.out.printf(Locale.ROOT, "  [%s] <= %.0f kbit/s average after compression: %.1f kbit/s%n",
                kbitDeflated <= TARGET_KBIT_PER_S ? "met " : "MISS", TARGET_KBIT_PER_S, kbitDeflated);
        writeJson(json, runs, flows, snapshots, kbitDeflated);
        System.exit(0);
    }

    /** [nodes, rrweb snapshot ms, ms until the node received it, frame characters]. */
    private static double[] bigPageSnapshot(DemoFlow flow) {
        var driver = flow.customer.driver();
        driver.get(flow.site.page("index.html"));
        flow.customer.js("sessionStorage.clear(); localStorage.clear();");
        driver.get(flow.site.page("index.html"));
        flow.customer.await(d -> d.findElement(By.id("gcb-start-button")).isDisplayed());
        Number nodes = (Number) flow.customer.js("""
                function count() { var n = 1, w = document.createTreeWalker(document.documentElement,
                    NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; }
                var box = document.createElement('section'), i = 0, missing = arguments[0] - count() - 1;
                for (; missing > 0; i++, missing -= 6) {
                  var row = document.createElement('div'); row.className = 'row r' + (i % 7);
                  var name = document.createElement('span'); name.textContent = 'Product ' + i;
                  var price = document.createElement('b'); price.textContent = '€' + (i % 90 + 9) + '.50';
                  row.appendChild(name); row.appendChild(document.createTextNode(' ')); row.appendChild(price);
                  box.appendChild(row);
                }
                document.querySelector('main, body').appendChild(box);
                return count();""", PAGE_NODES);
        flow.clickStart();
        DemoFlow.Received frame = flow.customer.await(d -> flow.domFrames().stream()
                .filter(r -> r.text().contains("\"snapshot\":true")).findFirst().orElse(null));
        JsonNode events;
        try {
            events = Json.MAPPER.readTree(frame.text()).get("events");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long meta = -1;
        long full = -1;
        for (JsonNode e : events) {
            if (e.path("type").asInt() == 4 && meta < 0) {
                meta = e.path("timestamp").asLong();
            } else if (e.path("type").asInt() == 2 && full < 0) {
                full = e.path("timestamp").asLong();
            }
        }
        return new double[] {nodes.doubleValue(), full - meta, frame.wallMillis() - meta, frame.text().length()};
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static void writeJson(Path file, int runs, List<double[]> flows, List<double[]> snapshots,
                                  double kbitDeflated) throws Exception {
        ObjectNode root = Json.object().put("scenario", "customer").put("runs", runs);
        ObjectNode flow = root.putObject("demoFlow");
        flow.put("seconds", median(flows, 0)).put("frames", median(flows, 3)).put("kbitPerSecondRaw", median(flows, 1))
                .put("kbitPerSecondDeflated", kbitDeflated);
        ObjectNode snapshot = root.putObject("snapshot10kNodes");
        snapshot.put("nodes", median(snapshots, 0)).put("rrwebMillis", median(snapshots, 1))
                .put("untilNodeMillis", median(snapshots, 2)).put("frameChars", median(snapshots, 3));
        ArrayNode checks = root.putArray("checks");
        checks.addObject().put("target", "<= 50 kbit/s average after compression")
                .put("measured", String.format(Locale.ROOT, "%.1f kbit/s", kbitDeflated))
                .put("met", kbitDeflated <= TARGET_KBIT_PER_S);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        System.out.println("JSON: " + file);
    }
}
