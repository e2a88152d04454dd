package io.decant.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.decant.core.error.DecantException;
import io.decant.core.util.JsonMappers;

/**
 * Result records as JSON, the way every result is printed and written (reports, {@code --output json}):
 * stable field order (the records' component order), pretty-printed, java.time values as ISO text.
 */
public final class ResultJson {
    private static final ObjectWriter MAPPER = JsonMappers.MAPPER.writerWithDefaultPrettyPrinter();

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
