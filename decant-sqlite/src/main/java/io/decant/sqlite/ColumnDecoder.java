package io.decant.sqlite;

import io.decant.core.error.ErrorCode;
import io.decant.core.transform.ByteEncoding;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Conversions;
import io.decant.core.transform.Converter;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.nio.charset.StandardCharsets;

/**
 * Turns the values of one SQLite column into its logical type. A SQLite column may hold values of
 * every storage class, one per row, so the decoder holds one converter per storage class, all chosen
 * when the stream opens; the row loop only indexes the array.
 *
 * <p>The converters are core's {@link Conversions} from the storage class's own logical type
 * (integer: int64, real: float64, text: text, blob: bytes) to the column's type, so SQLite values
 * follow the same rules as every other source: an integer in a REAL column becomes the same double,
 * text in an INTEGER column is parsed strictly, REAL money in NUMERIC(10,2) is brought to scale 2
 * only where the rounding is the double's own noise (core's {@code Decimals.fit}). A few pairs are refused with a reason of their
 * own instead of core's generic "no conversion":
 * <ul>
 *   <li>an integer or real in a date/time column: epoch seconds, milliseconds and Julian days cannot
 *       be told apart, so the spec must say which;</li>
 *   <li>a blob anywhere but a BLOB column, and text in a BLOB column: bytes are not decoded as text
 *       (nor text encoded as bytes) behind the user's back; the message names the cast with an
 *       encoding that says how, and with it the column arrives here re-typed (see {@link StorageMismatch}).</li>
 * </ul>
 * Numbers in a JSON column (a JSON column has NUMERIC affinity, so SQLite turned the text {@code 42}
 * into an integer) are taken as the JSON number they were.
 */
final class ColumnDecoder {
    private final Converter[] byClass = new Converter[StorageClass.values().length];
    private final String[] rules = new String[StorageClass.values().length];
    private final LogicalType type;

    ColumnDecoder(String declared, LogicalType type, Conversions conversions) {
        this.type = type;
        for (StorageClass sc : StorageClass.values()) {
            if (sc != StorageClass.NULL) {
                build(sc, declared, conversions);
            }
        }
    }

    LogicalType type() {
        return type;
    }

    /** Converts a non-null value as the driver returned it. */
    Object decode(Object raw) {
        return byClass[StorageClass.of(raw).ordinal()].convert(raw);
    }

    /** The rule applied to values of {@code sc}, for messages and plans. */
    String rule(StorageClass sc) {
        return rules[sc.ordinal()];
    }

    private void build(StorageClass sc, String declared, Conversions conversions) {
        String column = "a " + (declared.isEmpty() ? "column without declared type" : declared + " column");
        Kind to = type.kind();
        boolean retyped = StorageMismatch.retyped(declared, to);
        if (sc == StorageClass.BLOB) {
            if (to == Kind.BYTES) {
                set(sc, v -> Bytes.wrap((byte[]) v), "blob -> bytes");
            } else if (to == Kind.TEXT && retyped) {
                set(sc, v -> ByteEncoding.utf8((byte[]) v, "blob -> text"), "blob -> text (UTF-8, as SQLite's CAST)");
            } else {
                refuse(sc, StorageMismatch.blobIn(column, to));
            }
            return;
        }
        if (sc == StorageClass.TEXT && to == Kind.BYTES) {
            if (retyped) {
                set(sc, v -> Bytes.wrap(((String) v).getBytes(StandardCharsets.UTF_8)), "text -> bytes (UTF-8, as SQLite's CAST)");
            } else {
                refuse(sc, StorageMismatch.textIn(column));
            }
            return;
        }
        if ((sc == StorageClass.INTEGER || sc == StorageClass.REAL) && isTemporal(to)) {
            refuse(sc, sc.typeofName() + " in " + column + ": epoch seconds, epoch milliseconds and Julian days"
                    + " cannot be told apart; declare an epoch cast for this column in the spec");
            return;
        }
        if ((sc == StorageClass.INTEGER || sc == StorageClass.REAL) && to == Kind.JSON) {
            set(sc, v -> jsonNumber(v), sc.typeofName() + " -> json (the number SQLite's NUMERIC affinity made of the text)");
            return;
        }
        LogicalType from = sc.logical();
        if (!conversions.exists(from, type)) {
            refuse(sc, sc.typeofName() + " in " + column + " cannot become " + type);
            return;
        }
        var conversion = conversions.find(from, type);
        Converter c = conversion.converter();
        if (sc == StorageClass.INTEGER && conversion.isIdentity()) {
            // xerial returns an Integer for small values; int64's representation is Long.
            c = v -> v instanceof Integer i ? Long.valueOf(i.longValue()) : v;
        }
        set(sc, c, conversion.rule());
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
        return JsonText.trusted(v instanceof Double d ? Double.toString(d) : v.toString());
    }

    private void set(StorageClass sc, Converter c, String rule) {
        byClass[sc.ordinal()] = c;
        rules[sc.ordinal()] = rule;
    }

    private void refuse(StorageClass sc, String why) {
        String rule = sc.typeofName() + " -> " + type + ": refused";
        set(sc, v -> {
            throw new ConversionException(ErrorCode.VALUE_INVALID, rule, why);
        }, rule);
    }
}
