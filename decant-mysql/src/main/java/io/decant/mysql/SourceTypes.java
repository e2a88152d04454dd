package io.decant.mysql;

import io.decant.core.schema.Column;
import io.decant.core.schema.Column.Identity;
import io.decant.core.type.LogicalType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logical type of a MySQL/MariaDB column, from information_schema's {@code DATA_TYPE} and
 * {@code COLUMN_TYPE}. Unsigned integers move up one size so that every value fits (INT UNSIGNED
 * is int64, BIGINT UNSIGNED is decimal(20,0)); TINYINT(1) and BIT(1) are the booleans MySQL has.
 */
final class SourceTypes {
    /** The comment decant puts on a DATETIME(6) column that holds UTC instants (see {@link TargetTypes}). */
    static final String UTC_MARKER = "decant:timestamptz";
    private static final Pattern ARGS = Pattern.compile("\\((\\d+)(?:,(\\d+))?\\)");

    private SourceTypes() {
    }

    /** One row of information_schema.COLUMNS, with what other tables said about it. */
    record Info(String name, String dataType, String columnType, boolean nullable, String extra, String comment,
                boolean jsonChecked) {
    }

    static Column column(Info info) {
        String dataType = info.dataType().toLowerCase(Locale.ROOT);
        String columnType = info.columnType().toLowerCase(Locale.ROOT);
        String extra = info.extra() == null ? "" : info.extra().toLowerCase(Locale.ROOT);
        boolean unsigned = columnType.contains("unsigned");
        Identity identity = extra.contains("auto_increment") ? Identity.BY_DEFAULT
                : extra.contains("virtual generated") || extra.contains("stored generated")
                        || extra.contains("persistent generated") ? Identity.COMPUTED : Identity.NONE;
        String unsupported = null;
        LogicalType type = switch (dataType) {
            case "tinyint" -> columnType.startsWith("tinyint(1)") && !unsigned ? LogicalType.BOOLEAN : LogicalType.INT16;
            case "bool", "boolean" -> LogicalType.BOOLEAN;
            case "smallint" -> unsigned ? LogicalType.INT32 : LogicalType.INT16;
            case "mediumint" -> LogicalType.INT32;
            case "int", "integer" -> unsigned ? LogicalType.INT64 : LogicalType.INT32;
            case "bigint" -> unsigned ? LogicalType.decimal(20, 0) : LogicalType.INT64;
            case "decimal", "numeric", "fixed" -> decimal(columnType);
            case "float" -> LogicalType.FLOAT32;
            case "double", "real", "double precision" -> LogicalType.FLOAT64;
            case "char", "varchar" -> LogicalType.text(length(columnType));
            case "tinytext", "text", "mediumtext", "longtext" -> info.jsonChecked() ? LogicalType.JSON : LogicalType.TEXT;
            case "enum", "set" -> LogicalType.TEXT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> LogicalType.BYTES;
            case "json" -> LogicalType.JSON;
            case "date" -> LogicalType.DATE;
            case "time" -> LogicalType.TIME;
            case "datetime" -> UTC_MARKER.equals(info.comment()) ? LogicalType.TIMESTAMPTZ : LogicalType.TIMESTAMP;
            case "timestamp" -> LogicalType.TIMESTAMPTZ;
            case "year" -> LogicalType.INT16;
            case "uuid" -> LogicalType.UUID;
            case "bit" -> {
                if (columnType.equals("bit(1)")) {
                    yield LogicalType.BOOLEAN;
                }
                unsupported = columnType + " is a bit string with no logical type; read it as_text (binary digits) or skip it";
                yield null;
            }
            default -> {
                unsupported = columnType + " has no logical type in decant (spatial, network and vector types"
                        + " among others); read it as_text or skip it";
                yield null;
            }
        };
        if (type == null) {
            return Column.unsupported(info.name(), info.columnType(), info.nullable(), unsupported);
        }
        return new Column(info.name(), info.columnType(), type, info.nullable(), identity);
    }

    private static LogicalType decimal(String columnType) {
        Matcher m = ARGS.matcher(columnType);
        if (!m.find()) {
            return LogicalType.decimal(10, 0); // MySQL's default DECIMAL is DECIMAL(10,0)
        }
        int p = Integer.parseInt(m.group(1));
        int s = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return LogicalType.decimal(p, s);
    }

    private static int length(String columnType) {
        Matcher m = ARGS.matcher(columnType);
        return m.find() ? Integer.parseInt(m.group(1)) : 1; // CHAR without a length is CHAR(1)
    }

    /** For plans and {@code as_text}: the SELECT expression giving a readable text for an unsupported column. */
    static String textExpression(String quotedName, String sourceType) {
        String t = sourceType.toLowerCase(Locale.ROOT);
        if (t.startsWith("bit")) {
            return "BIN(" + quotedName + ")";
        }
        if (isSpatial(t)) {
            return "ST_AsText(" + quotedName + ")";
        }
        return quotedName;
    }

    private static boolean isSpatial(String t) {
        return t.startsWith("geometry") || t.startsWith("point") || t.startsWith("linestring")
                || t.startsWith("polygon") || t.startsWith("multipoint") || t.startsWith("multilinestring")
                || t.startsWith("multipolygon") || t.startsWith("geomcollection") || t.startsWith("geometrycollection");
    }
}
