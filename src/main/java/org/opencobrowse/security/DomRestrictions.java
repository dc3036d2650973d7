package org.opencobrowse.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.opencobrowse.config.ConfigException;
import org.opencobrowse.realtime.Json;

/**
 * The DOM restriction sets of {@code dom-restrictions.file} (unset: the bundled demo rules), sent to the customer
 * script at session start; masking happens in the customer's browser. Each set has {@code urlPattern} (a regular
 * expression over the page URL), {@code mask} and {@code disable} (CSS selectors).
 */
public final class DomRestrictions {
    private static final String BUNDLED = "/dom-restrictions.json";
    private final ArrayNode restrictionSets;

    private DomRestrictions(ArrayNode restrictionSets) {
        this.restrictionSets = restrictionSets;
    }

    public ArrayNode restrictionSets() {
        return restrictionSets.deepCopy();
    }

    public static DomRestrictions load(Optional<Path> file) {
        try (InputStream in = file.isPresent() ? Files.newInputStream(file.get())
                : DomRestrictions.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                return new DomRestrictions(Json.MAPPER.createArrayNode());
            }
            return parse(Json.MAPPER.readTree(in), file.map(Path::toString).orElse("bundled " + BUNDLED));
        } catch (IOException e) {
            throw new ConfigException("dom-restrictions.file: cannot read " + file.orElse(null) + ": " + e.getMessage());
        }
    }

    static DomRestrictions parse(JsonNode root, String source) {
        JsonNode sets = root == null ? null : root.get("restrictionSets");
        if (sets == null || !sets.isArray()) {
            throw new ConfigException("dom-restrictions.file " + source + ": expected {\"restrictionSets\": [...]}");
        }
        ArrayNode clean = Json.MAPPER.createArrayNode();
        for (JsonNode set : sets) {
            JsonNode pattern = set.get("urlPattern");
            if (pattern == null || !pattern.isTextual()) {
                throw new ConfigException("dom-restrictions.file " + source + ": every set needs a urlPattern string");
            }
            try {
                Pattern.compile(pattern.asText());
            } catch (PatternSyntaxException e) {
                throw new ConfigException("dom-restrictions.file " + source + ": invalid urlPattern '"
                        + pattern.asText() + "': " + e.getDescription());
            }
            var entry = clean.addObject().put("urlPattern", pattern.asText());
            entry.set("mask", selectors(set, "mask", source));
            entry.set("disable", selectors(set, "disable", source));
        }
        return new DomRestrictions(clean);
    }

    private static ArrayNode selectors(JsonNode set, String field, String source) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        JsonNode list = set.get(field);
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw new ConfigException("dom-restrictions.file " + source + ": '" + field + "' must be a list of selectors");
        }
        for (JsonNode selector : list) {
            if (!selector.isTextual() || selector.asText().isBlank()) {
                throw new ConfigException("dom-restrictions.file " + source + ": selectors must be non-empty strings");
            }
            out.add(selector.asText());
        }
        return out;
    }
}
