package io.decant.files.inferred;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.type.LogicalType;
import io.decant.files.json.ValueDecoders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Column types for JSON data that comes without a schema (D1 backups, FreshTrack folders), from
 * one streaming pass over the values. The rules are deliberately dumb, so that a user can predict
 * them: integers only give INT64; any fraction gives FLOAT64; strings give TEXT, never a guessed
 * timestamp or UUID (that is what the spec's casts are for); booleans give BOOLEAN; objects and
 * arrays give JSON; a column that is always null (or never present) is nullable TEXT. A column
 * mixing incompatible JSON types is {@link Column#unsupported unsupported}, with the reason, and not
 * silently TEXT: the plan stops on it unless the spec says {@code as_text} or {@code skip}.
 * Nothing is known about keys: JSON has no primary or foreign keys, so the target's existing schema
 * (or the spec) supplies them. The setting {@code types.<table>.<column>} overrides a column's type.
 */
public final class Inference {
    private static final int INT = 1;
    private static final int FLOAT = 2;
    private static final int STRING = 4;
    private static final int BOOL = 8;
    private static final int OBJECT = 16;
    private static final int ARRAY = 32;
    private static final int NULL = 64;
    private static final String[] KIND_NAMES = {"integer", "number", "string", "boolean", "object", "array", "null"};

    /** What one pass learned about one table. */
    public static final class Stats {
        final String table;
        final Map<String, ColumnStats> columns = new LinkedHashMap<>();
        long rows;

        Stats(String table) {
            this.table = table;
        }
    }

    static final class ColumnStats {
        int kinds;
        long present;
        boolean beyond64Bits;
    }

    private Inference() {
    }

    /**
     * Scans the array whose START_ARRAY is the parser's current token, up to its END_ARRAY.
     * @param where names the input in messages
     */
    public static Stats scan(JsonParser p, String table, String where) throws IOException {
        Stats s = new Stats(table);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table)
                        .withLocation(where + " line " + p.currentTokenLocation().getLineNr()),
                        "expected a row object, got " + (t == null ? "the end of the file" : ValueDecoders.describe(t)));
            }
            s.rows++;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                ColumnStats c = s.columns.computeIfAbsent(p.currentName(), k -> new ColumnStats());
                c.present++;
                JsonToken v = p.nextToken();
                switch (v) {
                    case VALUE_NUMBER_INT -> {
                        c.kinds |= INT;
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            c.beyond64Bits = true;
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> c.kinds |= FLOAT;
                    case VALUE_STRING -> c.kinds |= STRING;
                    case VALUE_TRUE, VALUE_FALSE -> c.kinds |= BOOL;
                    case START_OBJECT -> {
                        c.kinds |= OBJECT;
                        p.skipChildren();
                    }
                    case START_ARRAY -> {
                        c.kinds |= ARRAY;
                        p.skipChildren();
                    }
                    case VALUE_NULL -> c.kinds |= NULL;
                    case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
                            throw new IOException("unexpected JSON token " + v);
                }
            }
        }
        return s;
    }

    public static Table toTable(Stats s, OpenOptions options) {
        List<Column> columns = new ArrayList<>();
        for (Map.Entry<String, ColumnStats> e : s.columns.entrySet()) {
            columns.add(column(s.table, e.getKey(), e.getValue(), s.rows, options));
        }
        return new Table(TableId.of(s.table), columns, List.of(), List.of(), List.of(), s.rows);
    }

    private static Column column(String table, String name, ColumnStats c, long rows, OpenOptions options) {
        boolean nullable = (c.kinds & NULL) != 0 || c.present < rows;
        String sourceType = "json:" + describe(c.kinds == 0 ? NULL : c.kinds);
        String override = options.settings().get("types." + table + "." + name);
        if (override != null) {
            try {
                return new Column(name, sourceType, LogicalType.parse(override), nullable, Column.Identity.NONE);
            } catch (RuntimeException e) {
                throw DecantException.usage("setting types." + table + "." + name + ": '" + override
                        + "' is not a logical type (for example int64, decimal(10,2), timestamptz, uuid)");
            }
        }
        int k = c.kinds & ~NULL;
        LogicalType type;
        if (k == 0) {
            type = LogicalType.TEXT;
        } else if (k == INT) {
            if (c.beyond64Bits) {
                return Column.unsupported(name, sourceType, nullable, "integers beyond 64 bits; "
                        + "set types." + table + "." + name + "=decimal to read them");
            }
            type = LogicalType.INT64;
        } else if ((k & ~(INT | FLOAT)) == 0) {
            type = LogicalType.FLOAT64;
        } else if (k == STRING) {
            type = LogicalType.TEXT;
        } else if (k == BOOL) {
            type = LogicalType.BOOLEAN;
        } else if ((k & ~(OBJECT | ARRAY)) == 0) {
            type = LogicalType.JSON;
        } else {
            return Column.unsupported(name, sourceType, nullable, "values of mixed JSON types (" + describe(k)
                    + "); choose one with types." + table + "." + name + " or read it as_text");
        }
        return new Column(name, sourceType, type, nullable, Column.Identity.NONE);
    }

    private static String describe(int kinds) {
        StringJoiner j = new StringJoiner("|");
        for (int i = 0; i < KIND_NAMES.length; i++) {
            if ((kinds & (1 << i)) != 0) {
                j.add(KIND_NAMES[i]);
            }
        }
        return j.toString();
    }
}
