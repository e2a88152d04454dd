package io.decant.core.type;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.util.Jackson;
import java.io.IOException;

/**
 * A JSON document kept as text, validated once when it is made: the representation of
 * {@link Kind#JSON}. Its text is passed through untouched; {@link io.decant.core.checksum.Canonical}
 * compares documents by value, because PostgreSQL's jsonb reorders keys and drops whitespace.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = Jackson.FACTORY;
    private final String text;

    private JsonText(String text) {
        this.text = text;
    }

    /** Validates {@code text} as exactly one JSON value; throws {@link IllegalArgumentException} naming the problem. */
    public static JsonText parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("empty JSON document");
            }
            p.skipChildren();
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new IllegalArgumentException("text after the JSON value at column " + p.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
        return new JsonText(text);
    }

    /** For text already validated by a database (jsonb) or by a JSON parser. */
    public static JsonText trusted(String text) {
        return new JsonText(text);
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonText j && text.equals(j.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
