package io.decant.core.spec;

import io.decant.core.transform.ByteEncoding;
import io.decant.core.transform.Casts;
import io.decant.core.type.LogicalType;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A cast as the spec asks for it: {@code cast: uuid}, or
 * {@code cast: {type: timestamptz, format: epoch_ms, zone: Europe/Berlin}}. {@link Casts#resolve}
 * turns it into a converter for a given source type at plan time.
 *
 * @param spelling as written, for plans and messages ({@code numeric(10,2)}, {@code epoch_ms})
 * @param format   how text or numbers are read as times; {@code null} for the default of the pair
 * @param zone     the zone of naive times for this cast; {@code null} for the spec's {@code zone}
 * @param round    {@code round: true}: round to the result type's precision (float32, float64,
 *                 numeric(p,s)) where the strict conversion would refuse a value
 * @param encoding {@code encoding:} how text and bytes relate, for casts between text and bytes; or null
 */
public record CastSpec(String spelling, Target target, TimeFormat format, ZoneId zone, boolean round,
                       ByteEncoding encoding) {
    public CastSpec {
        Objects.requireNonNull(spelling, "spelling");
        Objects.requireNonNull(target, "target");
    }

    public CastSpec(String spelling, Target target, TimeFormat format, ZoneId zone) {
        this(spelling, target, format, zone, false, null);
    }

    /** The cast from a name alone, as in {@code cast: bool}; throws {@link IllegalArgumentException} for an unknown name. */
    public static CastSpec of(String spelling) {
        return new CastSpec(spelling, CastNames.target(spelling), null, null, false, null);
    }

    /** The logical type of the cast's result. */
    public LogicalType outputType() {
        return target.outputType();
    }

    /** What a cast produces. */
    public sealed interface Target permits ToType, Epoch, Cents {
        LogicalType outputType();

        /** For exhaustive switches: Java 17 cannot switch over the sealed type itself. */
        TargetKind kind();
    }

    public enum TargetKind { TYPE, EPOCH, CENTS }

    /** A plain logical type: the source value is converted to it. */
    public record ToType(LogicalType type) implements Target {
        public ToType {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public LogicalType outputType() {
            return type;
        }

        @Override
        public TargetKind kind() {
            return TargetKind.TYPE;
        }
    }

    /** {@code epoch_s} or {@code epoch_ms}: a time becomes a count of seconds or milliseconds since 1970 (int64). */
    public record Epoch(EpochUnit unit) implements Target {
        public Epoch {
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public LogicalType outputType() {
            return LogicalType.INT64;
        }

        @Override
        public TargetKind kind() {
            return TargetKind.EPOCH;
        }
    }

    /** {@code cents}: an amount of money becomes an exact whole number of hundredths (int64). */
    public record Cents() implements Target {
        @Override
        public LogicalType outputType() {
            return LogicalType.INT64;
        }

        @Override
        public TargetKind kind() {
            return TargetKind.CENTS;
        }
    }

    public enum EpochUnit {
        SECONDS(1L, "epoch_s"),
        MILLIS(1000L, "epoch_ms");

        private final long perSecond;
        private final String spelling;

        EpochUnit(long perSecond, String spelling) {
            this.perSecond = perSecond;
            this.spelling = spelling;
        }

        public long perSecond() {
            return perSecond;
        }

        public String spelling() {
            return spelling;
        }
    }
}
