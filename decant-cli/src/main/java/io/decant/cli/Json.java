package io.decant.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.decant.core.error.DecantException;
import io.decant.core.util.Jackson;

/** JSON output of result records: stable field order (the records' component order), pretty-printed. */
final class Json {
    private static final ObjectWriter MAPPER = Jackson.MAPPER.writerWithDefaultPrettyPrinter();

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
