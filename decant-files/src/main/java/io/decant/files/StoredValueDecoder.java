package io.decant.files;

import io.decant.core.convert.ByteEncoding;
import io.decant.core.convert.ConversionException;
import io.decant.core.convert.Conversions;
import io.decant.core.convert.Converter;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import io.decant.core.type.SqliteDeclaredTypes;
import io.decant.core.spec.Casts;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns one dump column's values, each kept as its SQLite storage class ({@link SqlValues}), into the
 * column's logical type. A column may hold every class, one per row, so there is one converter per
 * class, all chosen when the stream opens; the row loop only indexes the array.
 *
 * <p>The rules are the SQLite dialect's ({@code io.decant.sqlite.ColumnDecoder}), restated: core's
 * {@link Conversions} from the class's own type (integer: int64, real: float64, text: text, blob:
 * bytes) to the column's, so an integer in a REAL column is the same double, text in an INTEGER
 * column is parsed strictly (and {@code 'abc'} is an error), REAL money in NUMERIC(10,2) is brought
 * to scale 2 only where the rounding is the double's own noise. Refused with a reason of their own:
 * a number in a date/time column (epoch seconds, milliseconds and Julian days cannot be told apart)
 * and a blob anywhere but a bytes column. Numbers in a JSON column are the JSON number they were.
 *
 * <p>An unsupported column that the spec reads {@code as_text} gets each value's text: integers in
 * decimal, reals as Java's shortest repeatable form (SQLite's own CAST would print
 * {@code 1.0e+20} where this gives {@code 1.0E20}), text as is, blobs as strict UTF-8.
 */
final class StoredValueDecoder {
    static final int INTEGER = 0;
    static final int REAL = 1;
    static final int TEXT = 2;
    static final int BLOB = 3;
    private static final String[] NAMES = {"INTEGER", "REAL", "TEXT", "BLOB"};
    private static final LogicalType[] LOGICAL = {LogicalType.INT64, LogicalType.FLOAT64, LogicalType.TEXT, LogicalType.BYTES};

    private final Converter[] byClass = new Converter[4];
    private final LogicalType type;

    private StoredValueDecoder(LogicalType type) {
        this.type = type;
    }

    static StoredValueDecoder of(String declared, LogicalType type, Conversions conversions) {
        StoredValueDecoder d = new StoredValueDecoder(type);
        for (int sc = 0; sc < 4; sc++) {
            d.byClass[sc] = d.build(sc, declared, conversions);
        }
        return d;
    }

    static StoredValueDecoder asText() {
        StoredValueDecoder d = new StoredValueDecoder(LogicalType.TEXT);
        d.byClass[INTEGER] = Object::toString;
        d.byClass[REAL] = Object::toString;
        d.byClass[TEXT] = Converter.IDENTITY;
        d.byClass[BLOB] = v -> {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap((byte[]) v)).toString();
            } catch (CharacterCodingException e) {
                throw ConversionException.invalid("blob -> text: UTF-8 only", "a blob that is not UTF-8 text");
            }
        };
        return d;
    }

    LogicalType type() {
        return type;
    }

    Object decode(Object stored) {
        return byClass[classOf(stored)].convert(stored);
    }

    /** The storage class of a non-null value from {@link SqlValues}. */
    static int classOf(Object v) {
        if (v instanceof Long) {
            return INTEGER;
        }
        if (v instanceof Double) {
            return REAL;
        }
        return v instanceof String ? TEXT : BLOB;
    }

    static String className(int sc) {
        return NAMES[sc];
    }

    static LogicalType logical(int sc) {
        return LOGICAL[sc];
    }

    private Converter build(int sc, String declared, Conversions conversions) {
        String column = "a " + (declared.isEmpty() ? "column without declared type" : declared + " column");
        String name = NAMES[sc].toLowerCase(Locale.ROOT);
        Kind to = type.kind();
        boolean retyped = retyped(declared, to);
        if (sc == BLOB) {
            if (to == Kind.TEXT && retyped) {
                return v -> ByteEncoding.utf8((byte[]) v, "blob -> text");
            }
            return to == Kind.BYTES ? v -> Bytes.wrap((byte[]) v)
                    : refuse(sc, "blob in " + column + " is not decoded behind your back: " + (to == Kind.TEXT
                    ? "say how its bytes become text with " + Casts.encodingCast(Kind.TEXT) + ", or skip: true"
                    : "skip the column (skip: true) or read it as text with as_text: true"));
        }
        if (sc == TEXT && to == Kind.BYTES) {
            return retyped ? v -> Bytes.wrap(((String) v).getBytes(StandardCharsets.UTF_8))
                    : refuse(sc, "text in " + column + " is not turned into bytes behind your back: say how with "
                    + Casts.encodingCast(Kind.BYTES) + ", or skip: true");
        }
        if ((sc == INTEGER || sc == REAL) && isTemporal(to)) {
            return refuse(sc, name + " in " + column + ": epoch seconds, epoch milliseconds and Julian days"
                    + " cannot be told apart; declare an epoch cast for this column in the spec");
        }
        if ((sc == INTEGER || sc == REAL) && to == Kind.JSON) {
            return StoredValueDecoder::jsonNumber;
        }
        if (!conversions.exists(LOGICAL[sc], type)) {
            return refuse(sc, name + " in " + column + " cannot become " + type);
        }
        return conversions.find(LOGICAL[sc], type).converter();
    }

    /**
     * Whether the planner asked for this column as text or bytes although its declared type reads
     * otherwise: a cast with an encoding (see core's Shaper); a value of the other storage class is
     * then taken as SQLite's CAST gives it.
     */
    private static boolean retyped(String declared, Kind asked) {
        if (asked != Kind.TEXT && asked != Kind.BYTES) {
            return false;
        }
        try {
            LogicalType natural = SqliteDeclaredTypes.logicalType(declared);
            return natural != null && natural.kind() != asked;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isTemporal(Kind k) {
        return switch (k) {
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> true;
            case BOOLEAN, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64, TEXT, BYTES, UUID, JSON, ARRAY -> false;
        };
    }

    private static Object jsonNumber(Object v) {
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw ConversionException.invalid("json: numbers must be finite", d + " is not a JSON number");
        }
        return JsonText.trusted(v.toString());
    }

    private Converter refuse(int sc, String why) {
        String rule = NAMES[sc].toLowerCase(Locale.ROOT) + " -> " + type + ": refused";
        return v -> {
            throw new ConversionException(ErrorCode.VALUE_INVALID, rule, why);
        };
    }
}
