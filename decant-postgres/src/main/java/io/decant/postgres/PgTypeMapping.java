package io.decant.postgres;

import io.decant.core.type.LogicalType;

/**
 * PostgreSQL types and decant's logical types, both ways.
 *
 * <p>Decisions worth knowing:
 * <ul>
 * <li>char(n) (bpchar) maps to text(n) and is read as PostgreSQL returns it, padded with spaces to n;
 *     decant does not strip the padding, so a verify against an unpadded source shows it.</li>
 * <li>Enums are read as their label (TEXT); citext is TEXT; a domain is its base type (its CHECK
 *     constraints apply when the target validates, not when reading).</li>
 * <li>interval, inet/cidr, money, timetz, bit, xml, geometric types, ranges and the rest have no lossless
 *     logical type (interval mixes months, days and microseconds; money's text depends on lc_monetary;
 *     inet would need a network type): they are unsupported, and {@code as_text} reads their text form.</li>
 * <li>numeric with a negative scale or a scale above its precision (PostgreSQL 15+) is unsupported:
 *     the target would round silently.</li>
 * </ul>
 */
final class PgTypeMapping {
    private PgTypeMapping() {
    }

    /** A logical type, or the reason there is none. */
    record Mapping(LogicalType type, String unsupported) {
        static Mapping of(LogicalType t) {
            return new Mapping(t, null);
        }

        static Mapping no(String reason) {
            return new Mapping(null, reason);
        }
    }

    static Mapping toLogical(PgTypeCatalog.Resolved t, String spelled) {
        if (t == null) {
            return Mapping.no("PostgreSQL type " + spelled + " has no logical type in decant; use as_text to read its text form");
        }
        if (t.isArray()) {
            if (t.element().isArray()) {
                return Mapping.no("nested array type " + spelled + " is not supported");
            }
            Mapping element = toLogical(t.element(), spelled);
            return element.type() == null ? Mapping.no("array of an unsupported type (" + spelled + ")")
                    : Mapping.of(LogicalType.array(element.type()));
        }
        if (t.isEnum()) {
            return Mapping.of(LogicalType.TEXT);
        }
        if (!t.isBuiltin()) {
            // Extension types live outside pg_catalog; citext is the one decant knows to be text.
            return t.name().equals("citext") ? Mapping.of(LogicalType.TEXT)
                    : Mapping.no("PostgreSQL type " + spelled + " has no logical type in decant; use as_text to read its text form");
        }
        return switch (t.name()) {
            case "bool" -> Mapping.of(LogicalType.BOOLEAN);
            case "int2" -> Mapping.of(LogicalType.INT16);
            case "int4" -> Mapping.of(LogicalType.INT32);
            case "int8" -> Mapping.of(LogicalType.INT64);
            case "numeric" -> numeric(t.typmod(), spelled);
            case "float4" -> Mapping.of(LogicalType.FLOAT32);
            case "float8" -> Mapping.of(LogicalType.FLOAT64);
            case "text" -> Mapping.of(LogicalType.TEXT);
            case "varchar", "bpchar" -> Mapping.of(t.typmod() > 4 ? LogicalType.text(t.typmod() - 4) : LogicalType.TEXT);
            case "bytea" -> Mapping.of(LogicalType.BYTES);
            case "uuid" -> Mapping.of(LogicalType.UUID);
            case "json", "jsonb" -> Mapping.of(LogicalType.JSON);
            case "date" -> Mapping.of(LogicalType.DATE);
            case "time" -> Mapping.of(LogicalType.TIME);
            case "timestamp" -> Mapping.of(LogicalType.TIMESTAMP);
            case "timestamptz" -> Mapping.of(LogicalType.TIMESTAMPTZ);
            case "interval" -> Mapping.no("interval mixes months, days and microseconds and has no logical type; use as_text");
            case "inet", "cidr", "macaddr", "macaddr8" -> Mapping.no("network type " + spelled + " has no logical type; use as_text");
            case "money" -> Mapping.no("money's text form depends on lc_monetary; cast it to numeric in the source, or use as_text");
            case "timetz" -> Mapping.no("time with time zone has no logical type; use as_text");
            default -> Mapping.no("PostgreSQL type " + spelled + " has no logical type in decant; use as_text to read its text form");
        };
    }

    private static Mapping numeric(int typmod, String spelled) {
        if (typmod < 4) {
            return Mapping.of(LogicalType.DECIMAL);
        }
        int precision = ((typmod - 4) >> 16) & 0xffff;
        // PostgreSQL 15 stores the scale as a signed 11-bit field.
        int scale = ((typmod - 4) & 0x7ff) << 21 >> 21;
        if (scale < 0 || scale > precision) {
            return Mapping.no(spelled + " has a negative scale or a scale above its precision; PostgreSQL rounds such values silently");
        }
        return Mapping.of(LogicalType.decimal(precision, scale));
    }

    /** The column type decant creates for {@code type}. */
    static String nativeType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case DECIMAL -> type.precision() > 0 ? "numeric(" + type.precision() + "," + Math.max(type.scale(), 0) + ")" : "numeric";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case TEXT -> type.length() > 0 ? "varchar(" + type.length() + ")" : "text";
            case BYTES -> "bytea";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case ARRAY -> nativeType(type.element()) + "[]";
        };
    }
}
