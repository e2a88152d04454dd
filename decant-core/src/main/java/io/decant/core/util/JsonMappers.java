package io.decant.core.util;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.temporal.TemporalAccessor;

/**
 * decant's object mappers, over {@link Jackson#FACTORY}. Apart from {@link Jackson} so that a command
 * which only streams JSON text (verify's checksums of a JSON column) does not build them: they load
 * jackson-databind, about 400 classes.
 */
public final class JsonMappers {

    /**
     * Trees and records over {@link Jackson#FACTORY}. java.time values (an id mapping's generatedAt, say)
     * are written as their ISO text, as the text output shows them; a record without properties is
     * written as {@code {}}.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder(Jackson.FACTORY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new SimpleModule("decant-time").addSerializer(TemporalAccessor.class, ToStringSerializer.instance))
            .build();

    /**
     * {@link #MAPPER} for documents that are rewritten and must otherwise stay as they were: floats
     * read as BigDecimal with their scale (1.10 stays 1.10), a repeated key refused.
     */
    public static final JsonMapper EXACT_MAPPER = MAPPER.rebuild()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private JsonMappers() {
    }
}
