package org.opencobrowse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opencobrowse.testing.WsClient;

/**
 * docs/openapi.json used as a contract: {@link #check} holds a real response to what the document says of its
 * operation and status (documented at all, required headers present and valid, media type, body valid against the
 * JSON Schema 2020-12 of OpenAPI 3.1 where the media type has a schema), and remembers which documented responses
 * were seen.
 */
final class OpenApiContract {
    static final Path DOCUMENT = Path.of("docs/openapi.json");
    /** The document's base IRI for the validator; "#/components/..." references resolve against it. */
    private static final String BASE = "https://opencobrowse.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "delete", "options", "patch");

    private final String text;
    private final JsonNode doc;
    private final SchemaRegistry schemas;
    private final Set<String> seen = new TreeSet<>();

    OpenApiContract() throws Exception {
        this.text = Files.readString(DOCUMENT);
        this.doc = WsClient.JSON.readTree(text);
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BASE, text)));
    }

    JsonNode document() {
        return doc;
    }

    /** Checks one real response of {@code method pathTemplate} against the document. */
    void check(String method, String pathTemplate, HttpResponse<String> response) throws Exception {
        String where = method + " " + pathTemplate + " → " + response.statusCode() + " " + response.body();
        JsonNode operation = doc.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as("documented operation: " + where).isTrue();
        String status = String.valueOf(response.statusCode());
        JsonNode documented = resolve(operation.path("responses").path(status));
        assertThat(documented.isObject()).as("documented status: " + where).isTrue();
        seen.add(key(method, pathTemplate, status));

        for (Map.Entry<String, JsonNode> entry : documented.path("headers").properties()) {
            JsonNode header = resolve(entry.getValue());
            var value = response.headers().firstValue(entry.getKey());
            if (header.path("required").asBoolean()) {
                assertThat(value).as("required header " + entry.getKey() + ": " + where).isPresent();
            }
            if (value.isPresent() && header.has("schema")) {
                assertValid(header.get("schema"), WsClient.JSON.writeValueAsString(value.get()),
                        "header " + entry.getKey() + ": " + where);
            }
        }
        JsonNode content = documented.path("content");
        if (content.isEmpty() || method.equals("HEAD")) {
            assertThat(response.body()).as("no body: " + where).isEmpty();
            return;
        }
        String mediaType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        assertThat(content.has(mediaType)).as("documented media type " + mediaType + ": " + where).isTrue();
        JsonNode schema = content.get(mediaType).get("schema");
        if (schema == null) { // OpenAPI 3.1: a media type without a schema is opaque bytes (images, fonts)
            return;
        }
        String instance = mediaType.equals("application/json") ? response.body()
                : WsClient.JSON.writeValueAsString(response.body());
        assertValid(schema, instance, "body: " + where);
    }

    private void assertValid(JsonNode schemaNode, String instanceJson, String what) throws Exception {
        Schema schema;
        if (schemaNode.has("$ref")) {
            schema = schemas.getSchema(SchemaLocation.of(BASE + schemaNode.get("$ref").asText()));
        } else {
            assertThat(schemaNode.toString()).as("inline schemas may not refer elsewhere").doesNotContain("$ref");
            schema = schemas.getSchema(schemaNode.toString(), InputFormat.JSON);
        }
        assertThat(schema.validate(instanceJson, InputFormat.JSON)).as(what).isEmpty();
    }

    /** Follows a {@code $ref} to a component (responses, headers). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = doc.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** Every "METHOD path status" the document names. */
    Set<String> documentedResponses() {
        Set<String> all = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                op.getValue().path("responses").fieldNames().forEachRemaining(status ->
                        all.add(key(op.getKey(), path.getKey(), status)));
            }
        }));
        return all;
    }

    /** Every {@code $ref} target in the document. */
    List<String> references() {
        return doc.findValuesAsText("$ref");
    }

    Set<String> seen() {
        return Set.copyOf(seen);
    }

    private static String key(String method, String path, String status) {
        return method.toUpperCase(Locale.ROOT) + " " + path + " " + status;
    }
}
