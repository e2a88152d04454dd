package io.decant.cli.matrix;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The source tables of the matrix, independent of any dialect: columns with their declared type in
 * each source dialect, and rows of plain Java values (see {@link Kind} for the representation of each).
 *
 * <p>{@code all_types} holds every logical type with the edge values every target can hold. The
 * {@code p_*} tables (probes) each hold one kind of value that some targets cannot hold or that is
 * hazardous on its own (DST gaps): row 1 is an ordinary value, row 2 the first tricky one, so an
 * expected data error names {@code (row 2, id=2)} and "nothing half-loaded" means row 1 is gone too.
 */
final class MatrixTables {
    private MatrixTables() {
    }

    /** A column's kind and the plain Java value a row holds for it. */
    enum Kind {
        BOOL,       // Boolean
        INT,        // Long (int16/32/64)
        DECIMAL,    // String, plain notation
        FLOAT32,    // Float
        FLOAT64,    // Double
        TEXT,       // String
        BYTES,      // byte[]
        UUID,       // String
        JSON,       // String (the JSON text)
        DATE,       // String yyyy-MM-dd
        TIME,       // String HH:mm:ss[.ffffff]
        TIMESTAMP,  // String yyyy-MM-dd HH:mm:ss[.ffffff]
        TIMESTAMPTZ, // String ISO instant with Z
        ARRAY       // PgArray
    }

    /** A PostgreSQL array: its literal, and the same value as JSON (how other targets store arrays). */
    record PgArray(String literal, String json) {
    }

    /**
     * A column. A {@code null} declared type means that source dialect has no such column type
     * (SQLite has no float32, MariaDB no unbounded decimal, only PostgreSQL has arrays).
     *
     * @param scale the declared scale of a decimal, or {@code null} when unbounded
     */
    record Col(String name, Kind kind, Integer scale, String pg, String sqlite, String maria) {
        String declared(Side side) {
            return switch (side) {
                case POSTGRES, FOLDER -> pg;
                case SQLITE -> sqlite;
                case MARIADB -> maria;
            };
        }
    }

    /** A source table: columns (after the integer key {@code id}), rows ({@code id} first), and the sources that hold it. */
    record Spec(String name, List<Col> columns, List<Object[]> rows, Set<Side> sources, String why) {
        /** The columns this source dialect can declare, in order. */
        List<Col> columnsFor(Side side) {
            return columns.stream().filter(c -> c.declared(side) != null).toList();
        }

        /** Values of {@code row} for the columns of {@link #columnsFor}, {@code id} excluded. */
        List<Object> valuesFor(Side side, Object[] row) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).declared(side) != null) {
                    out.add(row[i + 1]);
                }
            }
            return out;
        }
    }

    private static Col col(String name, Kind kind, String pg, String sqlite, String maria) {
        return new Col(name, kind, null, pg, sqlite, maria);
    }

    private static Col dec(String name, Integer scale, String pg, String sqlite, String maria) {
        return new Col(name, Kind.DECIMAL, scale, pg, sqlite, maria);
    }

    private static Object[] row(Object... values) {
        return values;
    }

    static final String LONG_TEXT = "ab😀ç".repeat(50_000) + "\u2028\u00a0end";
    static final String JSON_NESTED = "{\"a\":\"\\u00e9\\ud83d\\ude00\",\"nested\":{\"list\":[1,2.50,{\"deep\":[true,false,null]}],"
            + "\"s\":\"\\\"q\\\" \\\\ /\"},\"e\":\"\",\"big\":123456789012345678901234567890,\"small\":1.0e-7}";

    static final Spec ALL_TYPES = new Spec("all_types", List.of(
            col("b", Kind.BOOL, "boolean", "BOOLEAN", "BOOL"),
            col("i2", Kind.INT, "smallint", "SMALLINT", "SMALLINT"),
            col("i4", Kind.INT, "integer", "INT4", "INT"),
            col("i8", Kind.INT, "bigint", "BIGINT", "BIGINT"),
            dec("dec", 10, "numeric(38,10)", "DECIMAL_TEXT(38,10)", "DECIMAL(38,10)"),
            dec("money", 2, "numeric(10,2)", "DECIMAL_TEXT(10,2)", "DECIMAL(10,2)"),
            dec("num", null, "numeric", "DECIMAL_TEXT", null),
            col("f4", Kind.FLOAT32, "real", null, "FLOAT"),
            col("f8", Kind.FLOAT64, "double precision", "REAL", "DOUBLE"),
            col("t", Kind.TEXT, "text", "TEXT", "LONGTEXT"),
            col("vc", Kind.TEXT, "varchar(20)", "VARCHAR(20)", "VARCHAR(20)"),
            col("by", Kind.BYTES, "bytea", "BLOB", "LONGBLOB"),
            col("u", Kind.UUID, "uuid", "UUID", "UUID"),
            col("j", Kind.JSON, "jsonb", "JSON", "JSON"),
            col("d", Kind.DATE, "date", "DATE", "DATE"),
            col("tm", Kind.TIME, "time", "TIME", "TIME(6)"),
            col("ts", Kind.TIMESTAMP, "timestamp", "DATETIME", "DATETIME(6)"),
            col("tstz", Kind.TIMESTAMPTZ, "timestamptz", "TIMESTAMPTZ", "DATETIME(6) COMMENT 'decant:timestamptz'")),
            List.of(
                    row(1L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                            null, null),
                    row(2L, true, -32768L, -2147483648L, Long.MIN_VALUE, "-99999.9999999999", "12.50",
                            "0.000000001", -3.5f, -Double.MAX_VALUE, "", "", new byte[0],
                            "00000000-0000-0000-0000-000000000000", "{}", "0001-01-01", "00:00:00", "0001-01-01 00:00:00",
                            "0001-01-01T00:00:00Z"),
                    row(3L, false, 32767L, 2147483647L, Long.MAX_VALUE, "99999.9999999999",
                            "99999999.99", "12345678901.2345", 1.5f, Double.MAX_VALUE,
                            "héllo 😀 wörld 𝄞", "😀".repeat(20), new byte[] {0, (byte) 0xff, 0, 0},
                            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", JSON_NESTED, "9999-12-31", "23:59:59.999999",
                            "9999-12-31 23:59:59.999999", "9999-12-31T23:59:59.999999Z"),
                    row(4L, true, 0L, 0L, 0L, "0", "-0.01", "-12.50", 0.1f, 0.1, LONG_TEXT, "x", new byte[] {0},
                            "ffffffff-ffff-ffff-ffff-ffffffffffff", "[1,\"ü\",[[]],{}]", "2024-02-29", "12:34:56.000001",
                            "2024-02-29 12:00:00.000001", "1970-01-01T00:00:00.000001Z"),
                    row(5L, false, -1L, -1L, -1L, "0.0000000001", "0.00", "0", 1e10f, Double.MIN_NORMAL,
                            "tab\there\nnew\\back 'q' \"dq\" \r\n", " ", new byte[] {0, 0},
                            "123e4567-e89b-12d3-a456-426614174000", "\"just a string\"", "1970-01-01", "00:00:00.000001",
                            "1970-01-01 00:00:00.000001", "2024-02-29T23:59:59.999999Z")),
            EnumSet.allOf(Side.class), "every logical type, NULLs, min/max and the edges every target can hold");

    /**
     * Wall-clock values in (and around) the DST gaps of America/Bahia_Banderas, the tests' JVM zone:
     * 2021-04-04 02:00 -> 03:00 and 2010-04-04 02:00 -> 04:00 local; 2021-10-31 01:00-02:00 happens twice.
     * Instants whose UTC wall clock falls in a gap catch code that formats instants through the JVM zone.
     */
    static final Spec DST = new Spec("p_dst", List.of(
            col("ts", Kind.TIMESTAMP, "timestamp", "DATETIME", "DATETIME(6)"),
            col("tstz", Kind.TIMESTAMPTZ, "timestamptz", "TIMESTAMPTZ", "DATETIME(6) COMMENT 'decant:timestamptz'"),
            col("tsz", Kind.TIMESTAMPTZ, null, null, "TIMESTAMP(6) NULL")),
            List.of(
                    row(1L, "2021-04-04 01:59:59.999999", "2021-04-04T07:59:59.999999Z", "2021-04-04T07:59:59.999999Z"),
                    row(2L, "2021-04-04 02:30:00.5", "2021-04-04T02:30:00Z", "2021-04-04T02:30:00Z"),
                    row(3L, "2010-04-04 03:15:00.25", "2010-04-04T03:15:00.25Z", "2010-04-04T03:15:00.25Z"),
                    row(4L, "2021-10-31 01:30:00", "2021-04-04T08:00:00Z", "2021-04-04T08:00:00Z"),
                    row(5L, null, null, null)),
            EnumSet.allOf(Side.class), "DST gaps and overlaps of the JVM zone (America/Bahia_Banderas)");

    static final Spec NAN = new Spec("p_nan", List.of(
            col("x", Kind.FLOAT64, "double precision", null, null),
            col("y", Kind.FLOAT32, "real", null, null)),
            List.of(row(1L, 1.5, 1.5f), row(2L, Double.NaN, Float.NaN)),
            EnumSet.of(Side.POSTGRES, Side.FOLDER), "NaN (SQLite stores it as NULL, MariaDB has none)");

    static final Spec INF = new Spec("p_inf", List.of(
            col("x", Kind.FLOAT64, "double precision", "REAL", null)),
            List.of(row(1L, 1.5), row(2L, Double.POSITIVE_INFINITY), row(3L, Double.NEGATIVE_INFINITY)),
            EnumSet.of(Side.POSTGRES, Side.SQLITE, Side.FOLDER), "+-Infinity (MariaDB has none)");

    static final Spec NEGATIVE_ZERO = new Spec("p_negzero", List.of(
            col("x", Kind.FLOAT64, "double precision", null, null),
            col("y", Kind.FLOAT32, "real", null, null)),
            List.of(row(1L, 1.5, 1.5f), row(2L, -0.0, -0.0f)),
            EnumSet.of(Side.POSTGRES, Side.FOLDER), "-0.0 (SQLite and MariaDB store it as 0)");

    static final Spec SUBNORMAL = new Spec("p_subnormal", List.of(
            col("x", Kind.FLOAT64, "double precision", "REAL", "DOUBLE")),
            List.of(row(1L, 1.5), row(2L, Double.MIN_VALUE), row(3L, -Double.MIN_VALUE),
                    row(4L, Math.nextDown(Double.MIN_NORMAL)), row(5L, Double.MIN_NORMAL)),
            EnumSet.allOf(Side.class), "the smallest subnormal doubles");

    static final Spec FLOAT32 = new Spec("p_float32", List.of(
            col("y", Kind.FLOAT32, "real", null, "FLOAT")),
            List.of(row(1L, 1.5f), row(2L, Float.MAX_VALUE), row(3L, -Float.MAX_VALUE), row(4L, Float.MIN_VALUE),
                    row(5L, Float.MIN_NORMAL), row(6L, 0.1f)),
            EnumSet.of(Side.POSTGRES, Side.MARIADB, Side.FOLDER), "float32 max, min subnormal and 0.1");

    // A created SQLite column is NUMERIC and holds a double: decimals of up to 15 significant digits
    // arrive (all_types), these are refused there with their ways out (SqliteTargetAnswersIT runs them).
    static final Spec DECIMAL_38 = new Spec("p_dec38", List.of(
            dec("dec", 10, "numeric(38,10)", "DECIMAL_TEXT(38,10)", "DECIMAL(38,10)"),
            dec("num", null, "numeric", "DECIMAL_TEXT", null)),
            List.of(row(1L, "1.5", "1.5"),
                    row(2L, "-9999999999999999999999999999.9999999999", "123456789012345678901234567890.1234567890123"),
                    row(3L, "9999999999999999999999999999.9999999999", null)),
            EnumSet.allOf(Side.class), "decimals of 38 significant digits (a created SQLite NUMERIC column holds a double)");

    static final Spec WIDE_DECIMAL = new Spec("p_widedec", List.of(
            dec("num", null, "numeric", "DECIMAL_TEXT", null)),
            List.of(row(1L, "1.5"), row(2L, "0.0000000000000000000000000000001"), row(3L, "-0.00000000000000000000000000000000000001")),
            EnumSet.of(Side.POSTGRES, Side.SQLITE, Side.FOLDER), "an unbounded decimal with 31+ fractional digits");

    static final Spec BIG_DECIMAL = new Spec("p_bigdec", List.of(
            dec("num", null, "numeric", "DECIMAL_TEXT", null)),
            List.of(row(1L, "1.5"), row(2L, "123456789012345678901234567890123456.5"), row(3L, "-" + "9".repeat(100))),
            EnumSet.of(Side.POSTGRES, Side.SQLITE, Side.FOLDER), "an unbounded decimal with 36+ integer digits");

    static final Spec NUL = new Spec("p_nul", List.of(
            col("t", Kind.TEXT, null, "TEXT", "LONGTEXT")),
            List.of(row(1L, "ok"), row(2L, "a\u0000b"), row(3L, "\u0000")),
            EnumSet.of(Side.SQLITE, Side.MARIADB), "text holding NUL (PostgreSQL text cannot)");

    static final Spec ARRAYS = new Spec("p_array", List.of(
            col("ai", Kind.ARRAY, "integer[]", null, null),
            col("at", Kind.ARRAY, "text[]", null, null),
            col("an", Kind.ARRAY, "numeric(6,2)[]", null, null)),
            List.of(row(1L, null, null, null),
                    row(2L, new PgArray("{1,NULL,3}", "[1,null,3]"),
                            new PgArray("{\"a\",NULL,\"\",\"NULL\",\"x,y\",\"q\\\"z\",\"😀\"}",
                                    "[\"a\",null,\"\",\"NULL\",\"x,y\",\"q\\\"z\",\"😀\"]"),
                            new PgArray("{1.50,NULL,-0.01}", "[1.50,null,-0.01]")),
                    row(3L, new PgArray("{}", "[]"), new PgArray("{}", "[]"), new PgArray("{}", "[]"))),
            EnumSet.of(Side.POSTGRES, Side.FOLDER), "arrays (PostgreSQL only; other targets store them as JSON)");

    static final Spec JSON_NULL = new Spec("p_jsonnull", List.of(
            col("j", Kind.JSON, "jsonb", "JSON", "JSON")),
            List.of(row(1L, "{\"k\":1}"), row(2L, "null"), row(3L, null)),
            // an export folder cannot hold it (see FOLDER as target), so the folder source has no such table
            EnumSet.of(Side.POSTGRES, Side.SQLITE, Side.MARIADB), "the JSON document null, apart from SQL NULL");

    static final Spec JSON_NUL = new Spec("p_jsonnul", List.of(
            col("j", Kind.JSON, null, "JSON", "JSON")),
            List.of(row(1L, "{\"k\":1}"), row(2L, "{\"a\":\"x\\u0000y\"}")),
            EnumSet.of(Side.SQLITE, Side.MARIADB), "JSON holding the escape \\u0000 (PostgreSQL jsonb cannot)");

    static final List<Spec> ALL = List.of(ALL_TYPES, DST, NAN, INF, NEGATIVE_ZERO, SUBNORMAL, FLOAT32, DECIMAL_38, WIDE_DECIMAL,
            BIG_DECIMAL, NUL, JSON_NUL, ARRAYS, JSON_NULL);

    static List<Spec> forSource(Side side) {
        return ALL.stream().filter(s -> s.sources().contains(side)).toList();
    }
}
