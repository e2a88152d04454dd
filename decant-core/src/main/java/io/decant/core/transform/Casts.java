package io.decant.core.transform;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spec.CastSpec;
import io.decant.core.spec.TimeFormat;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Turns a {@link CastSpec} into a {@link Conversion} for a given source type, once, at plan time.
 * A pair that cannot work (uuid to date) is an {@link ErrorCode#NO_CONVERSION} error then, not a
 * failure on the first row. Every cast leaves NULL as NULL (the engine never hands NULL to a
 * converter); a value the cast cannot take is a {@link ConversionException} whose rule says what
 * the cast accepts.
 *
 * <p>Plain casts reuse {@link Conversions}: lossless, strict, and range-checked (INTEGER 0/1 ->
 * boolean, text -> uuid, text -> json validated, text -> numeric(p,s)). Time formats and the named
 * casts {@code epoch_s}, {@code epoch_ms} and {@code cents} live in {@link TimeCasts} and
 * {@link CentsCast}.
 */
public final class Casts {
    private Casts() {
    }

    /** Resolves with UTC as the zone of naive times unless the cast names its own. */
    public static Conversion resolve(CastSpec cast, LogicalType from) {
        return resolve(cast, from, ZoneOffset.UTC);
    }

    /**
     * @param specZone the spec's {@code zone}: naive times are read in it unless the cast has its own
     * @throws DecantException {@link ErrorCode#NO_CONVERSION} when the cast cannot apply to {@code from}
     */
    public static Conversion resolve(CastSpec cast, LogicalType from, ZoneId specZone) {
        ZoneId zone = cast.zone() != null ? cast.zone() : specZone;
        Conversion c = switch (cast.target().kind()) {
            case TYPE -> toType(cast, from, cast.outputType(), zone);
            case EPOCH -> TimeCasts.epoch(cast, from, ((CastSpec.Epoch) cast.target()).unit(), zone);
            case CENTS -> CentsCast.of(cast, from);
        };
        return new Conversion(c.from(), c.to(), c.converter(), "cast " + cast.spelling() + ": " + c.rule());
    }

    private static Conversion toType(CastSpec cast, LogicalType from, LogicalType to, ZoneId zone) {
        if (cast.format() != null) {
            return TimeCasts.toTime(cast, from, to, zone);
        }
        Conversions conversions = new Conversions(zone);
        if (cast.encoding() != null) {
            return encoded(cast, from, to, conversions);
        }
        if (!conversions.exists(from, to)) {
            throw impossible(cast, from, hint(from, to));
        }
        return cast.round() ? conversions.findRounding(from, to) : conversions.find(from, to);
    }

    /**
     * The type a source column is read as under {@code cast}: its own, except that a cast with an
     * encoding to the column's own kind (text to text, bytes to bytes) reads it as the other kind.
     * Such a cast exists for a SQLite column whose values were stored as the other storage class
     * (blobs in a TEXT column, base64 text in a BLOB column); the source then hands each value over
     * as the kind the encoding starts from (SQLite's own CAST: text as its UTF-8 bytes, a blob as
     * UTF-8 text).
     */
    public static LogicalType readType(CastSpec cast, LogicalType column) {
        if (cast == null || cast.encoding() == null || cast.outputType().kind() != column.kind()) {
            return column;
        }
        return switch (column.kind()) {
            case TEXT -> LogicalType.BYTES;
            case BYTES -> LogicalType.TEXT;
            default -> column;
        };
    }

    /** The example a message names for a cast between text and bytes. */
    public static String encodingCast(Kind to) {
        return "cast: {type: " + (to == Kind.BYTES ? "bytes" : "text") + ", encoding: utf8} (or base64, hex, latin1)";
    }

    /**
     * The cast that lets a {@code from} value load as {@code to} where no conversion does, spelled as the value
     * of a spec line ({@code { cast: { type: text, encoding: utf8 } }}), or null when no cast can. Each candidate
     * is resolved as the spec would resolve it, so a refusal never names a cast that plan would then refuse too.
     */
    public static String wayOut(LogicalType from, LogicalType to) {
        Conversions conversions = Conversions.utc();
        for (Candidate c : candidates(to)) {
            try {
                Conversion resolved = resolve(c.cast(), from);
                if (conversions.exists(resolved.to(), to)) {
                    return c.spelled();
                }
            } catch (DecantException e) {
                // this candidate does not apply to the pair; try the next
            }
        }
        return null;
    }

    private record Candidate(CastSpec cast, String spelled) {
    }

    private static java.util.List<Candidate> candidates(LogicalType to) {
        java.util.List<Candidate> out = new java.util.ArrayList<>();
        for (String type : new String[] {"text", "bytes"}) {
            CastSpec c = CastSpec.of(type);
            out.add(new Candidate(new CastSpec(type, c.target(), null, null, false, ByteEncoding.UTF8),
                    "{ cast: { type: " + type + ", encoding: utf8 } } (encodings: utf8, base64, hex, latin1)"));
        }
        String time = switch (to.kind()) {
            case TIMESTAMPTZ -> "timestamptz";
            case TIMESTAMP -> "timestamp";
            case DATE -> "date";
            default -> null;
        };
        if (time != null) {
            CastSpec c = CastSpec.of(time);
            out.add(new Candidate(new CastSpec(time, c.target(), TimeFormat.EPOCH_S, null),
                    "{ cast: { type: " + time + ", format: epoch_s } } (formats: epoch_s, epoch_ms, sqlite)"));
        }
        return out;
    }

    private static Conversion encoded(CastSpec cast, LogicalType from, LogicalType to, Conversions conversions) {
        ByteEncoding e = cast.encoding();
        if (from.kind() == Kind.TEXT && to.kind() == Kind.BYTES) {
            return new Conversion(from, to, e.decoder(), "text -> bytes (" + e.spelling() + ")");
        }
        if (from.kind() == Kind.BYTES && to.kind() == Kind.TEXT) {
            Conversion bound = conversions.find(LogicalType.TEXT, to);
            return new Conversion(from, to, e.encoder().andThen(bound.converter()), "bytes -> text (" + e.spelling() + ")");
        }
        throw impossible(cast, from, "; encoding relates text and bytes: it needs a text or bytes value");
    }

    private static String hint(LogicalType from, LogicalType to) {
        if (from.kind() == Kind.TEXT && to.kind() == Kind.BYTES || from.kind() == Kind.BYTES && to.kind() == Kind.TEXT) {
            return "; say how text and bytes relate: " + encodingCast(to.kind());
        }
        boolean toTime = to.kind() == Kind.TIMESTAMPTZ || to.kind() == Kind.TIMESTAMP || to.kind() == Kind.DATE;
        if (toTime && (from.kind().isInteger() || from.kind() == Kind.DECIMAL || from.kind().isFloat())) {
            return "; a number needs format: epoch_s, epoch_ms or sqlite (Julian day)";
        }
        String other = wayOut(from, to);
        return other != null ? "; the cast that can: " + other
                : "; no cast makes a " + from + " value a " + to + ": change the cast, or leave the column out with skip: true";
    }

    static DecantException impossible(CastSpec cast, LogicalType from, String why) {
        return new DecantException(ErrorCode.NO_CONVERSION, ErrorContext.EMPTY.withPhase("plan"),
                "cast " + cast.spelling() + " cannot apply to a " + from + " column" + why);
    }

    /**
     * A spec constant ({@code default:}) in the representation of {@code to}, converted once at plan
     * time. YAML gives Boolean, Long, BigDecimal or String; each goes through the same lossless
     * conversions as a column of that type would, so {@code default: 0.1} for a float64 column is
     * accepted and {@code default: 1.5} for an int32 column is not.
     *
     * @throws DecantException {@link ErrorCode#SPEC_INVALID} naming the constant and the rule it breaks
     */
    public static Object constant(Object value, LogicalType to, ZoneId zone) {
        if (value == null) {
            return null;
        }
        LogicalType from;
        if (value instanceof Boolean) {
            from = LogicalType.BOOLEAN;
        } else if (value instanceof Long) {
            from = LogicalType.INT64;
        } else if (value instanceof BigDecimal) {
            from = LogicalType.DECIMAL;
        } else if (value instanceof String) {
            from = LogicalType.TEXT;
        } else {
            throw new IllegalArgumentException("not a spec constant: " + value.getClass().getName());
        }
        Conversions conversions = new Conversions(zone);
        if (!conversions.exists(from, to)) {
            throw new DecantException(ErrorCode.SPEC_INVALID, "the constant " + ErrorContext.preview(value)
                    + " (" + from + ") cannot become " + to);
        }
        try {
            return conversions.find(from, to).converter().convert(value);
        } catch (ConversionException e) {
            throw new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withRule(e.rule()),
                    "the constant " + ErrorContext.preview(value) + " is not a valid " + to + ": " + e.getMessage());
        }
    }
}
