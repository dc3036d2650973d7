package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencobrowse.realtime.Json;

/**
 * The figures of one bench command: rows of named values (one value per run; medians are printed), checks against the
 * targets of docs/performance.md, a readable table on stdout and the same as JSON.
 */
final class Report {
    /** One line of a table: a scenario's cell (e.g. "1000x20") on one server (node, forwarder, cluster...). */
    static final class Row {
        final String scenario;
        final String cell;
        final String server;
        final Map<String, List<Double>> runs = new LinkedHashMap<>();

        Row(String scenario, String cell, String server) {
            this.scenario = scenario;
            this.cell = cell;
            this.server = server;
        }

        double median(String key) {
            List<Double> values = runs.get(key);
            if (values == null || values.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /** A target and whether the medians meet it. */
    record Check(String scenario, String target, String measured, boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    /** Adds one run's values to the row (scenario, cell, server), creating it on first use. */
    Row add(String scenario, String cell, String server, Map<String, Double> values) {
        Row row = row(scenario, cell, server);
        values.forEach((key, value) -> row.runs.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
        return row;
    }

    Row row(String scenario, String cell, String server) {
        for (Row r : rows) {
            if (r.scenario.equals(scenario) && r.cell.equals(cell) && r.server.equals(server)) {
                return r;
            }
        }
        Row r = new Row(scenario, cell, server);
        rows.add(r);
        return r;
    }

    void check(String scenario, String target, String measured, boolean met) {
        checks.add(new Check(scenario, target, measured, met));
    }

    void note(String key, String text) {
        notes.put(key, text);
    }

    /** Prints the rows of {@code scenario} with these columns (medians), then its checks. */
    void print(String scenario, String title, List<String> columns) {
        System.out.printf("%n== %s ==%n", title);
        StringBuilder header = new StringBuilder(String.format("%-12s %-12s", "cell", "server"));
        columns.forEach(c -> header.append(String.format(" %14s", c)));
        System.out.println(header);
        for (Row r : rows) {
            if (!r.scenario.equals(scenario)) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("%-12s %-12s", r.cell, r.server));
            columns.forEach(c -> line.append(String.format(" %14s", format(r.median(c)))));
            System.out.println(line);
        }
        for (Check c : checks) {
            if (c.scenario.equals(scenario)) {
                System.out.printf("  [%s] %s: %s%n", c.met ? "met " : "MISS", c.target, c.measured);
            }
        }
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : Math.abs(value) >= 1 ? "%.2f" : "%.3f",
                value);
    }

    void writeJson(Path file, BenchOptions options, String command) throws IOException {
        ObjectNode root = Json.object();
        root.put("command", command);
        root.put("runs", options.runs());
        root.put("durationSeconds", options.duration().toMillis() / 1000.0);
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        root.put("permessageDeflate", options.deflate());
        ObjectNode notesNode = root.putObject("notes");
        notes.forEach(notesNode::put);
        ArrayNode rowsNode = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode row = rowsNode.addObject().put("scenario", r.scenario).put("cell", r.cell)
                    .put("server", r.server);
            ObjectNode medians = row.putObject("median");
            ObjectNode all = row.putObject("runs");
            r.runs.forEach((key, values) -> {
                medians.put(key, r.median(key));
                ArrayNode list = all.putArray(key);
                values.forEach(list::add);
            });
        }
        ArrayNode checksNode = root.putArray("checks");
        for (Check c : checks) {
            checksNode.addObject().put("scenario", c.scenario).put("target", c.target).put("measured", c.measured)
                    .put("met", c.met);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        System.out.println("\nJSON: " + file);
    }
}
