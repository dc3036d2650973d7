package org.opencobrowse.realtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;

/**
 * A parsed client frame: its envelope only. For {@code dom} frames the {@code events} array is kept as the exact text
 * the customer sent ({@link #rawEvents}), checked to be well-formed JSON but never turned into objects, so relaying it
 * costs no re-serialisation. Other frames are small and parsed into {@link #fields}.
 */
public record ClientFrame(String type, JsonNode id, JsonNode fields, boolean snapshot, String rawEvents) {

    public String text(String field) {
        JsonNode node = fields == null ? null : fields.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    public static ClientFrame parse(String text, long maxControlFrameChars) throws CobrowseException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CobrowseException(ErrorCode.BAD_REQUEST, "A frame is one JSON object");
            }
            String type = null;
            JsonNode id = null;
            boolean snapshot = false;
            String rawEvents = null;
            boolean hasOtherFields = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "id" -> id = parser.readValueAsTree();
                    case "snapshot" -> snapshot = value == JsonToken.VALUE_TRUE;
                    case "events" -> rawEvents = rawArray(parser, text);
                    default -> {
                        hasOtherFields = true;
                        parser.skipChildren();
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw new CobrowseException(ErrorCode.BAD_JSON, "Trailing data after the frame's object");
            }
            if (type == null) {
                throw new CobrowseException(ErrorCode.BAD_REQUEST, "A frame needs a string 'type'");
            }
            if (type.equals("dom")) {
                if (rawEvents == null) {
                    throw new CobrowseException(ErrorCode.BAD_REQUEST, "A dom frame needs an 'events' array");
                }
                return new ClientFrame(type, id, null, snapshot, rawEvents);
            }
            if (text.length() > maxControlFrameChars) {
                throw new CobrowseException(ErrorCode.FRAME_TOO_LARGE,
                        "Frames other than dom are limited to " + maxControlFrameChars + " bytes");
            }
            JsonNode fields = hasOtherFields || rawEvents != null ? Json.MAPPER.readTree(text) : null;
            return new ClientFrame(type, id, fields, snapshot, null);
        } catch (CobrowseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CobrowseException(ErrorCode.BAD_JSON, "The frame is not valid JSON");
        }
    }

    private static String rawArray(JsonParser parser, String text) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new CobrowseException(ErrorCode.BAD_REQUEST, "'events' must be an array");
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren(); // tokenises the whole array, so malformed JSON is refused, not relayed
        int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
        return text.substring(start, end);
    }
}
