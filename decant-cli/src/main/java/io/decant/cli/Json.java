package io.decant.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.decant.core.error.DecantException;

/** JSON output of result records: stable field order (the records' component order), pretty-printed. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // java.time values (ids' generatedAt, retainUntil) as ISO text, as the text output shows them
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("decant-time")
                    .addSerializer(java.time.temporal.TemporalAccessor.class,
                            com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw DecantException.internal("could not render JSON: " + e.getOriginalMessage(), e);
        }
    }
}
