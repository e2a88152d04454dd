package io.decant.core.init;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Column;
import io.decant.core.spec.CastSpec;
import io.decant.core.spec.TimeFormat;
import io.decant.core.transform.ByteEncoding;
import io.decant.core.transform.Casts;
import io.decant.core.transform.Conversion;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Conversions;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The cast init proposes for a source column whose type differs from its target column's. Each
 * candidate is the spec's own cast, resolved by {@link Casts} exactly as {@code plan} resolves it and
 * run over the sampled values, so a proposal is never a cast that plan or the first row would refuse
 * on the data seen. Pairs that convert without a cast (int32 into bigint, anything into text) get
 * no line.
 */
final class CastGuess {
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
    /** Epoch seconds between 1973 and 2286; milliseconds the same span. */
    private static final long EPOCH_S_MIN = 100_000_000L;
    private static final long EPOCH_S_MAX = 9_999_999_999L;

    /**
     * A proposal. {@code cast} and {@code value} are YAML values ready to write (null: no such key);
     * {@code comment} says why; {@code todo} says what a person must still decide, with the options, or null;
     * {@code fails}: some sampled values convert under no cast, so {@code plan --sample} fails on this line as written.
     */
    record Guess(String cast, String value, String comment, String todo, boolean fails) {
        Guess(String cast, String value, String comment, String todo) {
            this(cast, value, comment, todo, false);
        }
    }

    private CastGuess() {
    }

    /**
     * @param siblings the source table's other columns, for the one guess that needs them (an 0/1 flag into a
     *                 time column: "set at creation")
     * @return null when the pair needs no cast
     */
    static Guess decide(Column source, Column target, List<Object> sample, List<Column> siblings) {
        LogicalType s = source.type();
        LogicalType t = target.type();
        Conversions conversions = Conversions.utc();
        if (s.kind() == t.kind() || t.kind() == Kind.TEXT && s.kind() != Kind.BYTES
                || numeric(s.kind()) && numeric(t.kind())) {
            return null;
        }
        if (s.kind().isInteger() && temporal(t.kind()) && !sample.isEmpty() && allZeroOrOne(sample)) {
            return flag(source, target, siblings);
        }
        List<Candidate> candidates = candidates(s, t, sample);
        if (candidates.isEmpty()) {
            return new Guess(null, null, null, "no cast makes " + s + " (" + source.sourceType() + ") a " + t + " ("
                    + target.sourceType() + "); options: skip: true, or value: EXPRESSION with type:");
        }
        Candidate best = null;
        Tally bestTally = null;
        for (Candidate c : candidates) {
            Tally tally = run(c, s, t, sample, conversions);
            if (tally == null) {
                continue;
            }
            if (bestTally == null || tally.failed < bestTally.failed) {
                best = c;
                bestTally = tally;
            }
        }
        if (best == null) {
            return new Guess(null, null, null, "no cast makes " + s + " a " + t + "; options: skip: true, or value:"
                    + " EXPRESSION with type:");
        }
        String seen = sample.isEmpty() ? "no values to sample: guessed from the types"
                : describe(best, s, sample.size());
        if (bestTally.failed == 0) {
            return new Guess(best.yaml, null, seen, null);
        }
        return new Guess(best.yaml, null, null, bestTally.failed + " of " + sample.size() + " sampled values do not"
                + " convert (" + bestTally.example + "); options: fix those rows, leave them out with where:,"
                + " --on-error reject, or skip: true", true);
    }

    /** Whether every sampled value of a text key is a UUID: then {@code cast: uuid} (which follows it to its references). */
    static boolean allUuids(List<Object> sample) {
        if (sample.isEmpty()) {
            return false;
        }
        for (Object v : sample) {
            if (!(v instanceof String str)) {
                return false;
            }
            try {
                io.decant.core.transform.TextParsers.parseUuid(str);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean numeric(Kind k) {
        return k.isInteger() || k.isFloat() || k == Kind.DECIMAL;
    }

    private static boolean temporal(Kind k) {
        return k == Kind.TIMESTAMPTZ || k == Kind.TIMESTAMP || k == Kind.DATE;
    }

    private static boolean allZeroOrOne(List<Object> sample) {
        for (Object v : sample) {
            if (!(v instanceof Number n) || n.longValue() != 0 && n.longValue() != 1) {
                return false;
            }
        }
        return true;
    }

    /** An INTEGER 0/1 flag whose target is a time ("verified at"): the time is the row's creation time, when it has one. */
    private static Guess flag(Column source, Column target, List<Column> siblings) {
        Column created = null;
        for (Column c : siblings) {
            String k = Names.key(c.name());
            if ((k.equals("createdat") || k.equals("created") || k.equals("insertedat")) && c.isSupported()) {
                created = c;
                break;
            }
        }
        String name = target.type().kind().name().toLowerCase(Locale.ROOT);
        if (created == null) {
            return new Guess(null, null, null, "holds 0/1 but target " + target.name() + " is a " + name + ": say which time a 1"
                    + " stands for with value: \"" + source.name() + " == 1 ? A_TIME_COLUMN : null\" and cast: " + name
                    + ", or skip: true");
        }
        return new Guess(name, "\"" + source.name() + " == 1 ? " + created.name() + " : null\"", null,
                "holds 0/1 but target " + target.name() + " is a " + name + ": guessed that 1 means 'at creation' ("
                        + created.name() + "); options: another time column in the value, or skip: true");
    }

    private record Candidate(String yaml, CastSpec cast) {
    }

    private record Tally(int failed, String example) {
    }

    private static List<Candidate> candidates(LogicalType s, LogicalType t, List<Object> sample) {
        List<Candidate> out = new ArrayList<>();
        String name = castName(t);
        switch (t.kind()) {
            case TIMESTAMPTZ, TIMESTAMP, DATE -> {
                if (numeric(s.kind())) {
                    TimeFormat f = epochFormat(sample);
                    out.add(timed(name, f));
                    out.add(timed(name, f == TimeFormat.EPOCH_S ? TimeFormat.EPOCH_MS : TimeFormat.EPOCH_S));
                } else {
                    out.add(plain(name));
                    if (s.kind() == Kind.TEXT) {
                        out.add(timed(name, TimeFormat.SQLITE));
                    }
                }
            }
            case BYTES -> {
                if (s.kind() == Kind.TEXT) {
                    ByteEncoding e = bytesEncoding(sample);
                    out.add(new Candidate("{ type: bytes, encoding: " + e.spelling() + " }",
                            new CastSpec("bytes", CastSpec.of("bytes").target(), null, null, false, e)));
                }
            }
            case TEXT -> out.add(new Candidate("{ type: text, encoding: utf8 }",
                    new CastSpec("text", CastSpec.of("text").target(), null, null, false, ByteEncoding.UTF8)));
            case BOOLEAN, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64, UUID, JSON, TIME, ARRAY -> {
                if (name != null) {
                    out.add(plain(name));
                }
            }
        }
        return out;
    }

    private static Candidate plain(String name) {
        String yaml = name.matches("[a-z_0-9]+") ? name : "\"" + name + "\"";
        return new Candidate(yaml, CastSpec.of(name));
    }

    private static Candidate timed(String name, TimeFormat f) {
        CastSpec base = CastSpec.of(name);
        return new Candidate("{ type: " + name + ", format: " + f.spelling() + " }",
                new CastSpec(name, base.target(), f, null));
    }

    /** The spec's spelling of a cast to {@code t}, in PostgreSQL's words where the spec knows them; null for none. */
    static String castName(LogicalType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "boolean";
            case INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case DECIMAL -> t.precision() > 0 ? "numeric(" + t.precision() + "," + Math.max(0, t.scale()) + ")" : "numeric";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case TEXT -> "text";
            case BYTES -> "bytes";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case ARRAY -> null;
        };
    }

    private static TimeFormat epochFormat(List<Object> sample) {
        int ms = 0;
        int s = 0;
        for (Object v : sample) {
            if (v instanceof Number n) {
                long x = Math.abs(n.longValue());
                if (x >= EPOCH_S_MIN && x <= EPOCH_S_MAX) {
                    s++;
                } else if (x >= EPOCH_S_MIN * 1000 && x <= EPOCH_S_MAX * 1000) {
                    ms++;
                }
            }
        }
        return ms > s ? TimeFormat.EPOCH_MS : TimeFormat.EPOCH_S;
    }

    private static ByteEncoding bytesEncoding(List<Object> sample) {
        boolean hex = !sample.isEmpty();
        boolean base64 = !sample.isEmpty();
        for (Object v : sample) {
            String str = String.valueOf(v);
            hex &= HEX.matcher(str).matches();
            base64 &= BASE64.matcher(str).matches();
        }
        return hex ? ByteEncoding.HEX : base64 ? ByteEncoding.BASE64 : ByteEncoding.UTF8;
    }

    /** Runs the cast over the sample as plan would; null when the cast cannot apply to the source type at all. */
    private static Tally run(Candidate c, LogicalType s, LogicalType t, List<Object> sample, Conversions conversions) {
        Conversion cast;
        try {
            cast = Casts.resolve(c.cast, s, ZoneOffset.UTC);
        } catch (DecantException | IllegalArgumentException e) {
            return null;
        }
        if (!conversions.exists(cast.to(), t)) {
            return null;
        }
        Conversion rest = conversions.find(cast.to(), t);
        int failed = 0;
        String example = null;
        for (Object v : sample) {
            try {
                rest.converter().convert(cast.converter().convert(v));
            } catch (ConversionException | DecantException | ArithmeticException | ClassCastException e) {
                failed++;
                if (example == null) {
                    // the value's shape only: the spec is shared, and the message would repeat the value
                    example = "values shaped like " + ValueShapes.shape(v);
                }
            }
        }
        return new Tally(failed, example);
    }

    private static String describe(Candidate c, LogicalType s, int n) {
        String what = switch (c.cast.outputType().kind()) {
            case BOOLEAN -> s.kind() == Kind.TEXT ? "true/false text" : "only 0 and 1";
            case UUID -> "UUID-shaped text";
            case JSON -> "valid JSON text";
            case TIMESTAMPTZ, TIMESTAMP, DATE -> c.cast.format() == TimeFormat.EPOCH_S ? "epoch seconds"
                    : c.cast.format() == TimeFormat.EPOCH_MS ? "epoch milliseconds"
                    : c.cast.format() == TimeFormat.SQLITE ? "ISO text or Julian days"
                    : s.kind() != Kind.TEXT ? s.toString()
                    : c.cast.outputType().kind() == Kind.TIMESTAMPTZ ? "ISO text (naive values read as UTC)" : "ISO text";
            case DECIMAL -> "decimal text that fits";
            case BYTES -> c.cast.encoding().spelling() + " text";
            default -> s + " values that convert";
        };
        return n + " sampled values: " + what;
    }
}
