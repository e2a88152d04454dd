package io.decant.core.type;

import java.util.Locale;
import java.util.Objects;

/**
 * A column's logical type: a {@link Kind} plus its parameters. {@code precision} and {@code scale}
 * apply to DECIMAL (0 precision means unbounded), {@code length} to TEXT (characters) and BYTES
 * (bytes; 0 means unbounded for both), and {@code element} to ARRAY.
 */
public record LogicalType(Kind kind, int precision, int scale, int length, LogicalType element) {

    public static final LogicalType BOOLEAN = of(Kind.BOOLEAN);
    public static final LogicalType INT16 = of(Kind.INT16);
    public static final LogicalType INT32 = of(Kind.INT32);
    public static final LogicalType INT64 = of(Kind.INT64);
    public static final LogicalType FLOAT32 = of(Kind.FLOAT32);
    public static final LogicalType FLOAT64 = of(Kind.FLOAT64);
    public static final LogicalType TEXT = of(Kind.TEXT);
    public static final LogicalType BYTES = of(Kind.BYTES);
    public static final LogicalType UUID = of(Kind.UUID);
    public static final LogicalType JSON = of(Kind.JSON);
    public static final LogicalType DATE = of(Kind.DATE);
    public static final LogicalType TIME = of(Kind.TIME);
    public static final LogicalType TIMESTAMP = of(Kind.TIMESTAMP);
    public static final LogicalType TIMESTAMPTZ = of(Kind.TIMESTAMPTZ);
    /** A decimal with no declared precision or scale: every value keeps its own scale. */
    public static final LogicalType DECIMAL = decimal(0, -1);

    public LogicalType {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ARRAY) {
            Objects.requireNonNull(element, "element");
        } else if (element != null) {
            throw new IllegalArgumentException("only ARRAY has an element type");
        }
        if (kind == Kind.DECIMAL && precision > 0 && scale > precision) {
            throw new IllegalArgumentException("scale " + scale + " exceeds precision " + precision);
        }
    }

    private static LogicalType of(Kind kind) {
        return new LogicalType(kind, 0, 0, 0, null);
    }

    /** DECIMAL(p,s); {@code precision 0} means unbounded, {@code scale -1} means "as the value has it". */
    public static LogicalType decimal(int precision, int scale) {
        return new LogicalType(Kind.DECIMAL, precision, scale, 0, null);
    }

    public static LogicalType text(int length) {
        return new LogicalType(Kind.TEXT, 0, 0, length, null);
    }

    /** Bytes of at most {@code length} bytes; 0 means unbounded, as {@link #BYTES}. */
    public static LogicalType bytes(int length) {
        return new LogicalType(Kind.BYTES, 0, 0, length, null);
    }

    public static LogicalType array(LogicalType element) {
        return new LogicalType(Kind.ARRAY, 0, 0, 0, element);
    }

    public boolean hasFixedScale() {
        return kind == Kind.DECIMAL && scale >= 0;
    }

    /** The spelling used in plans and manifests: {@code decimal(10,2)}, {@code text(255)}, {@code array<int32>}. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case DECIMAL -> precision > 0 ? name + "(" + precision + "," + Math.max(scale, 0) + ")"
                    : scale >= 0 ? name + "(*," + scale + ")" : name;
            case TEXT, BYTES -> length > 0 ? name + "(" + length + ")" : name;
            case ARRAY -> "array<" + element + ">";
            case BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64, UUID, JSON, DATE, TIME, TIMESTAMP,
                    TIMESTAMPTZ -> name;
        };
    }

    /** Parses the spelling of {@link #toString()}; used to read manifests back. */
    public static LogicalType parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("array<") && s.endsWith(">")) {
            return array(parse(s.substring(6, s.length() - 1)));
        }
        int paren = s.indexOf('(');
        String head = paren < 0 ? s : s.substring(0, paren);
        Kind kind = Kind.valueOf(head.toUpperCase(Locale.ROOT));
        if (paren < 0) {
            return kind == Kind.DECIMAL ? DECIMAL : of(kind);
        }
        String[] args = s.substring(paren + 1, s.length() - 1).split(",");
        return switch (kind) {
            case DECIMAL -> args[0].trim().equals("*")
                    ? decimal(0, Integer.parseInt(args[1].trim()))
                    : decimal(Integer.parseInt(args[0].trim()), args.length > 1 ? Integer.parseInt(args[1].trim()) : 0);
            case TEXT -> text(Integer.parseInt(args[0].trim()));
            case BYTES -> bytes(Integer.parseInt(args[0].trim()));
            case BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64, UUID, JSON, DATE, TIME, TIMESTAMP,
                    TIMESTAMPTZ, ARRAY -> throw new IllegalArgumentException("type " + head + " takes no parameters: " + text);
        };
    }
}
