package io.decant.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An error as {@code --output json} prints it on stdout: {@code {"error": {code, category, exit,
 * message, context}}}, and beside it the {@code result} of what was done before the failure, when
 * there is one. The message is the one stderr shows; the context holds the fields of the error's
 * place that are known (phase, table, column, row, key, value, rule, location).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorJson(Body error, Object result) {
    record Body(String code, String category, int exit, String message, Map<String, Object> context) {
    }

    static ErrorJson of(DecantException d, Object result) {
        return of(d.code(), d.getMessage(), context(d.context()), result);
    }

    static ErrorJson of(ErrorCode code, String message, Map<String, Object> context, Object result) {
        return new ErrorJson(new Body(code.name(), code.category().name().toLowerCase(Locale.ROOT), code.exitCode(), message,
                context), result);
    }

    private static Map<String, Object> context(ErrorContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "phase", c.phase());
        put(m, "table", c.table());
        put(m, "column", c.column());
        put(m, "row", c.rowOrdinal());
        put(m, "key", c.rowKey());
        put(m, "value", c.value());
        put(m, "rule", c.rule());
        put(m, "location", c.location());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
