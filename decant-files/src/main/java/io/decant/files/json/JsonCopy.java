package io.decant.files.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.util.Jackson;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Copies one JSON value from a parser to a generator compactly. Numbers are copied as their text,
 * not through a double, so {@code 0.1000000000000000055511151231257827} stays as it was written;
 * Jackson's own copyCurrentStructure would pass floats through a double.
 */
final class JsonCopy {
    private JsonCopy() {
    }

    /** Copies the value at the parser's current token; leaves the parser on the value's last token. */
    static void copy(JsonParser p, JsonGenerator g) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                g.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    g.writeFieldName(p.currentName());
                    p.nextToken();
                    copy(p, g);
                }
                g.writeEndObject();
            }
            case START_ARRAY -> {
                g.writeStartArray();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    copy(p, g);
                }
                g.writeEndArray();
            }
            case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
            case VALUE_TRUE -> g.writeBoolean(true);
            case VALUE_FALSE -> g.writeBoolean(false);
            case VALUE_NULL -> g.writeNull();
            case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
                    throw new IOException("unexpected JSON token " + t);
        }
    }

    /** The value at the parser's current token as compact JSON text. */
    static String toText(JsonParser p) throws IOException {
        StringWriter w = new StringWriter(64);
        try (JsonGenerator g = Jackson.DATA.createGenerator(w)) {
            copy(p, g);
        }
        return w.toString();
    }
}
