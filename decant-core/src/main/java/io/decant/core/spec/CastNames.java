package io.decant.core.spec;

import io.decant.core.type.LogicalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a cast may be written with: decant's logical types in lower case, PostgreSQL's
 * spellings of them, and the named special casts. A spelling is read case-insensitively with
 * single spaces ({@code double precision}).
 */
public final class CastNames {
    private CastNames() {
    }

    private static final Map<String, CastSpec.Target> NAMES = new LinkedHashMap<>();
    private static final Pattern DECIMAL = Pattern.compile("(numeric|decimal)\\s*\\(\\s*([0-9]+)\\s*(?:,\\s*([0-9]+)\\s*)?\\)");
    private static final Pattern VARCHAR = Pattern.compile("(varchar|character varying|text)\\s*\\(\\s*([0-9]+)\\s*\\)");
    static final int MAX_NUMERIC_PRECISION = 1000; // PostgreSQL's limit for numeric(p,s)

    static {
        type(LogicalType.BOOLEAN, "boolean", "bool");
        type(LogicalType.INT16, "int16", "smallint", "int2");
        type(LogicalType.INT32, "int32", "integer", "int", "int4");
        type(LogicalType.INT64, "int64", "bigint", "int8");
        type(LogicalType.DECIMAL, "decimal", "numeric");
        type(LogicalType.FLOAT32, "float32", "real", "float4");
        type(LogicalType.FLOAT64, "float64", "double precision", "float8");
        type(LogicalType.TEXT, "text", "varchar", "character varying");
        type(LogicalType.BYTES, "bytes", "bytea");
        type(LogicalType.UUID, "uuid");
        type(LogicalType.JSON, "json", "jsonb");
        type(LogicalType.DATE, "date");
        type(LogicalType.TIME, "time", "time without time zone");
        type(LogicalType.TIMESTAMP, "timestamp", "timestamp without time zone");
        type(LogicalType.TIMESTAMPTZ, "timestamptz", "timestamp with time zone");
        NAMES.put("epoch_ms", new CastSpec.Epoch(CastSpec.EpochUnit.MILLIS));
        NAMES.put("epoch_s", new CastSpec.Epoch(CastSpec.EpochUnit.SECONDS));
        NAMES.put("cents", new CastSpec.Cents());
    }

    private static void type(LogicalType t, String... spellings) {
        for (String s : spellings) {
            NAMES.put(s, new CastSpec.ToType(t));
        }
    }

    /** Every plain name, for "known casts: ..." in messages. */
    static List<String> known() {
        return List.copyOf(NAMES.keySet());
    }

    static String normalize(String spelling) {
        return spelling.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The target of a spelling; {@link IllegalArgumentException} with a message for the user otherwise. */
    public static CastSpec.Target target(String spelling) {
        String s = normalize(spelling);
        CastSpec.Target t = NAMES.get(s);
        if (t != null) {
            return t;
        }
        Matcher m = DECIMAL.matcher(s);
        if (m.matches()) {
            int p = Integer.parseInt(m.group(2));
            int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (p < 1 || p > MAX_NUMERIC_PRECISION) {
                throw new IllegalArgumentException("precision of " + spelling + " must be 1 to " + MAX_NUMERIC_PRECISION);
            }
            if (scale > p) {
                throw new IllegalArgumentException("scale of " + spelling + " is larger than its precision");
            }
            return new CastSpec.ToType(LogicalType.decimal(p, scale));
        }
        m = VARCHAR.matcher(s);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(2));
            if (n < 1) {
                throw new IllegalArgumentException("length of " + spelling + " must be at least 1");
            }
            return new CastSpec.ToType(LogicalType.text(n));
        }
        throw new IllegalArgumentException("unknown cast '" + spelling + "'" + Suggest.hint(s, NAMES.keySet())
                + "; known casts: " + String.join(", ", known()) + ", numeric(p,s), varchar(n)");
    }

    /** A plain type for {@code type:}: the casts above except the special ones. */
    static LogicalType type(String spelling) {
        CastSpec.Target t = target(spelling);
        return switch (t.kind()) {
            case TYPE -> t.outputType();
            case EPOCH, CENTS -> throw new IllegalArgumentException(
                    "'" + spelling + "' is a cast, not a type; write cast: " + spelling);
        };
    }
}
