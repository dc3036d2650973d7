package org.opencobrowse.testing;

import java.util.HashMap;
import java.util.Map;

/** Reads sample values out of a Prometheus text exposition, as a scraper would. */
public final class PrometheusText {
    private final String text;

    public PrometheusText(String text) {
        this.text = text;
    }

    /**
     * The value of the sample {@code name} whose labels include {@code labels} (pairs: name, value, ...); 0 when there
     * is none, as Prometheus treats a counter that never moved.
     */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            int brace = series.indexOf('{');
            String metric = brace < 0 ? series : series.substring(0, brace);
            if (metric.equals(name) && labelsOf(series, brace).entrySet().containsAll(wanted.entrySet())) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return 0;
    }

    /** Whether any sample of {@code name} is present. */
    public boolean has(String name) {
        return text.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
    }

    private static Map<String, String> labelsOf(String series, int brace) {
        Map<String, String> labels = new HashMap<>();
        if (brace < 0) {
            return labels;
        }
        for (String pair : series.substring(brace + 1, series.length() - 1).split(",(?=[a-zA-Z_]+=\")")) {
            int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
        }
        return labels;
    }

    @Override
    public String toString() {
        return text;
    }
}
