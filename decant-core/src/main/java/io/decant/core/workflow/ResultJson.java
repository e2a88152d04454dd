package io.decant.core.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.decant.core.error.DecantException;

/**
 * Result records as JSON, the way every result is printed and written (reports, {@code --output json}):
 * stable field order (the records' component order), pretty-printed, java.time values as ISO text.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // java.time values (ids' generatedAt, retainUntil) as ISO text, as the text output shows them
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("decant-time")
                    .addSerializer(java.time.temporal.TemporalAccessor.class,
                            com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    private ResultJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw DecantException.internal("could not render JSON: " + e.getOriginalMessage(), e);
        }
    }
}
