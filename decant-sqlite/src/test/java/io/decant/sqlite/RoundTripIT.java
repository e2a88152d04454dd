package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every logical type written through the sink and read back through the source, edge values included. */
class RoundTripIT {
    @TempDir
    Path dir;

    private TargetDatabase target(Path f) {
        return new SqliteDialect().openTarget("sqlite:" + f, OpenOptions.DEFAULT);
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", null, LogicalType.INT64, false, Column.Identity.NONE),
            Column.of("b", LogicalType.BOOLEAN), Column.of("i16", LogicalType.INT16), Column.of("i32", LogicalType.INT32),
            Column.of("i64", LogicalType.INT64), Column.of("money", LogicalType.decimal(10, 2)),
            Column.of("big", LogicalType.DECIMAL), Column.of("f32", LogicalType.FLOAT32), Column.of("f64", LogicalType.FLOAT64),
            Column.of("t", LogicalType.TEXT), Column.of("v", LogicalType.text(5)), Column.of("raw", LogicalType.BYTES),
            Column.of("u", LogicalType.UUID), Column.of("doc", LogicalType.JSON), Column.of("d", LogicalType.DATE),
            Column.of("tm", LogicalType.TIME), Column.of("ts", LogicalType.TIMESTAMP), Column.of("tz", LogicalType.TIMESTAMPTZ),
            Column.of("arr", LogicalType.array(LogicalType.INT32)));

    private static final Table ALL = new Table(TableId.of("all types"), COLUMNS, List.of("id"),
            List.of(new Index("all_t_key", List.of("u"), true, true), new Index("all_t_idx", List.of("t"), false, false)),
            List.of(), -1);

    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, true, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, new BigDecimal("-99999999.99"),
            new BigDecimal("-1234567890.12345"), Float.MIN_VALUE, Double.MAX_VALUE,
            "", "", Bytes.wrap(new byte[0]), new UUID(0, 0), JsonText.trusted("42"), LocalDate.of(1, 1, 1),
            LocalTime.MIDNIGHT, LocalDateTime.of(1, 1, 1, 0, 0), Instant.parse("0001-01-01T00:00:00Z"), List.of()});
        rows.add(new Object[] {2L, false, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("12.50"),
            new BigDecimal("0.000000000000000000001"), Float.MAX_VALUE, Double.POSITIVE_INFINITY,
            "a\u0000b 😀 \"quoted\" 'single'\n", "😀😀😀😀😀", Bytes.wrap(new byte[] {0, 0, (byte) 0xff, 0}),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), JsonText.trusted("{\"k\": \"ü😀\", \"n\": [1, 2.50]}"),
            LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 123_456_000), Instant.parse("2024-03-10T02:30:00.000001Z"),
            Arrays.asList(1, null, 3)});
        rows.add(new Object[] {3L, null, null, null, null, null, new BigDecimal("1E+3"), -1.5f, Double.NEGATIVE_INFINITY,
            null, null, null, null, JsonText.trusted("1.5e300"), null, LocalTime.of(0, 0, 1), null,
            Instant.parse("9999-12-31T23:59:59.999999999Z"), null});
        rows.add(new Object[] {4L, null, (short) 0, 0, 0L, new BigDecimal("0.00"), new BigDecimal("-0.5"), 0.0f, 4.9e-324,
            "   ", "x", null, null, null, null, null, LocalDateTime.of(2024, 1, 2, 3, 4), null, null});
        return rows;
    }

    @Test
    void everyLogicalTypeRoundTrips() {
        Path f = dir.resolve("rt.db");
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(ALL));
            try (TableSink sink = t.openSink(ALL, COLUMNS, SinkOptions.DEFAULT)) {
                rows().forEach(sink::write);
                assertEquals(4, sink.commit());
            }
            t.createIndexesAndForeignKeys(List.of(ALL));
        }
        // decimals are numbers (NUMERIC affinity: whole ones integers), JSON the exact text written (TEXT affinity)
        assertEquals(List.of(List.of("real", "real", "text")), TestDb.query(f,
                "SELECT typeof(money), typeof(big), typeof(doc) FROM \"all types\" WHERE id = 1"));
        assertEquals(List.of(List.of(12.5, 1000, "42")),
                TestDb.query(f, "SELECT money, (SELECT big FROM \"all types\" WHERE id = 3), (SELECT doc FROM \"all types\" WHERE id = 1)"
                        + " FROM \"all types\" WHERE id = 2"));
        try (SourceDatabase src = TestDb.source(f)) {
            Table back = TestDb.table(src, "all types");
            List<LogicalType> storedTypes = COLUMNS.stream().map(c -> NativeTypes.stored(c.type())).toList();
            assertEquals(storedTypes, back.columns().stream().map(Column::type).toList());
            // SQLite does not keep a UNIQUE constraint's name: it comes back named as PostgreSQL would name it
            assertEquals(List.of(new Index("all types_u_key", List.of("u"), true, true),
                    new Index("all_t_idx", List.of("t"), false, false)), back.indexes());
            List<Object[]> read = TestDb.readAll(src, back, back.columns());
            // arrays are stored as JSON (their stored type), so the canonical comparison stops before them
            int n = COLUMNS.size() - 1;
            RowHasher written = new RowHasher(COLUMNS.subList(0, n).stream().map(Column::type).toList());
            RowHasher reread = new RowHasher(storedTypes.subList(0, n));
            List<Object[]> expected = rows();
            assertEquals(expected.size(), read.size());
            for (int r = 0; r < expected.size(); r++) {
                // the canonical form is the same for the logical value, whatever the representation
                assertEquals(Arrays.toString(toHex(written.canonical(Arrays.copyOf(expected.get(r), n)))),
                        Arrays.toString(toHex(reread.canonical(Arrays.copyOf(read.get(r), n)))), "row " + (r + 1));
            }
            assertEquals("a\u0000b 😀 \"quoted\" 'single'\n", read.get(1)[9]);
            assertEquals(new BigDecimal("12.50"), read.get(1)[5]);
            assertEquals(Long.MIN_VALUE, read.get(0)[4]);
            assertEquals("", read.get(0)[9]);
            assertEquals(null, read.get(2)[9]);
            assertEquals(JsonText.trusted("[1,null,3]"), read.get(1)[18]);
        }
    }

    private static String[] toHex(byte[] b) {
        String[] out = new String[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = Integer.toHexString(b[i] & 0xff);
        }
        return out;
    }

    private static final List<Column> FLOATS = List.of(new Column("id", null, LogicalType.INT64, false, Column.Identity.NONE),
            Column.of("x", LogicalType.FLOAT64));
    private static final Table FLOAT_TABLE = new Table(TableId.of("f"), FLOATS, List.of("id"), List.of(), List.of(), -1);

    @Test
    void nanAndNegativeZeroAreRefusedNotChanged() {
        Path f = dir.resolve("nan.db");
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(FLOAT_TABLE));
            try (TableSink sink = t.openSink(FLOAT_TABLE, FLOATS, SinkOptions.DEFAULT)) {
                sink.write(new Object[] {1L, 1.0});
                DecantException nan = assertThrows(DecantException.class, () -> sink.write(new Object[] {2L, Double.NaN}));
                assertEquals(ErrorCode.VALUE_INVALID, nan.code());
                assertEquals("[VALUE_INVALID] f.x (row 2, id=2): NaN cannot be stored in SQLite (it would become NULL)"
                        + "; keep its text form with cast: text (into a TEXT column), or leave the column out with skip: true"
                        + " (value 'NaN') [rule: sqlite REAL: NaN is stored as NULL, so it is refused]", nan.getMessage());
                DecantException zero = assertThrows(DecantException.class, () -> sink.write(new Object[] {3L, -0.0}));
                assertEquals(ErrorCode.PRECISION_LOSS, zero.code());
                assertEquals("[PRECISION_LOSS] f.x (row 2, id=3): -0.0 cannot be stored in a SQLite REAL column (it would"
                        + " become 0.0); keep its text form with cast: text (into a TEXT column), or leave the column out"
                        + " with skip: true (value '-0.0') [rule: sqlite REAL: -0.0 is stored as 0, so it is refused]",
                        zero.getMessage());
            }
        }
        assertEquals(List.of(), TestDb.query(f, "SELECT * FROM f"), "aborted: nothing committed");
    }

    @Test
    void abortLeavesTheTableAsItWas() {
        Path f = dir.resolve("abort.db");
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(FLOAT_TABLE));
            try (TableSink sink = t.openSink(FLOAT_TABLE, FLOATS, SinkOptions.DEFAULT)) {
                sink.write(new Object[] {1L, 1.0});
                sink.commit();
                sink.abort(); // after commit: nothing
            }
            TableSink sink = t.openSink(FLOAT_TABLE, FLOATS, SinkOptions.DEFAULT);
            for (long i = 2; i < 2_500; i++) {
                sink.write(new Object[] {i, (double) i});
            }
            sink.abort();
            sink.abort(); // twice: nothing
            // the write permit was released: another sink can open
            try (TableSink again = t.openSink(FLOAT_TABLE, FLOATS, SinkOptions.DEFAULT)) {
                again.write(new Object[] {9L, 9.0});
                again.commit();
            }
        }
        assertEquals(List.of(List.of(1, 1.0), List.of(9, 9.0)), TestDb.query(f, "SELECT id, x FROM f ORDER BY id"));
    }

    @Test
    void aConstraintViolationNamesTheRowInsideTheBatch() {
        Path f = dir.resolve("dup.db");
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(FLOAT_TABLE));
            try (TableSink sink = t.openSink(FLOAT_TABLE, FLOATS, SinkOptions.DEFAULT)) {
                for (long i = 1; i <= 1_500; i++) {
                    sink.write(new Object[] {i == 1_234 ? 5L : i, 0.5});
                }
                DecantException e = assertThrows(DecantException.class, sink::commit);
                assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
                assertEquals("[CONSTRAINT_VIOLATION] f (row 1234, id=5): inserting into f: UNIQUE constraint failed: f.id"
                        + " (SQLITE_CONSTRAINT_PRIMARYKEY)", e.getMessage());
            }
        }
        assertEquals(List.of(List.of(0)), TestDb.query(f, "SELECT count(*) FROM f"));
    }

    @Test
    void foreignKeysAreDeclaredInCreateTableAndCheckedAtCommit() {
        Path f = dir.resolve("fk.db");
        Table parent = new Table(TableId.of("parent"), FLOATS, List.of("id"), List.of(), List.of(), -1);
        List<Column> childCols = List.of(new Column("id", null, LogicalType.INT64, false, Column.Identity.BY_DEFAULT),
                Column.of("parent_id", LogicalType.INT64), Column.of("up", LogicalType.INT64));
        Table child = new Table(TableId.of("child"), childCols, List.of("id"), List.of(),
                List.of(new ForeignKey("child_parent_fkey", List.of("parent_id"), TableId.of("parent"), List.of("id")),
                        new ForeignKey("child_up_fkey", List.of("up"), TableId.of("child"), List.of("id"))), -1);
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(parent, child));
            assertEquals("BY_DEFAULT", TestDb.table(new SqliteDialect().openSource("sqlite:" + f, OpenOptions.DEFAULT), "child")
                    .column("id").identity().name());
            try (TableSink sink = t.openSink(child, childCols, SinkOptions.DEFAULT)) {
                // a row pointing at a later row of the same table is fine: checks are deferred to the commit
                sink.write(new Object[] {1L, null, 2L});
                sink.write(new Object[] {2L, null, null});
                sink.commit();
            }
            try (TableSink sink = t.openSink(child, childCols, SinkOptions.DEFAULT)) {
                sink.write(new Object[] {3L, 77L, null});
                DecantException e = assertThrows(DecantException.class, sink::commit);
                assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
                assertEquals("[CONSTRAINT_VIOLATION] child: foreign key check failed at commit: 1 rows of child reference"
                        + " missing rows (first: rowid 3 references a missing row of parent); FOREIGN KEY constraint failed"
                        + " (SQLITE_CONSTRAINT_FOREIGNKEY)", e.getMessage());
            }
            try (TableSink sink = t.openSink(child, childCols, new SinkOptions(true))) {
                sink.write(new Object[] {3L, 77L, null});
                sink.commit();
            }
            List<ForeignKey> fks = t.tables().stream().filter(x -> x.name().equals("child")).findFirst().orElseThrow().foreignKeys();
            assertEquals(2, fks.size());
            t.truncate(List.of(child, parent));
        }
        assertEquals(List.of(List.of(0)), TestDb.query(f, "SELECT count(*) FROM child"));
    }

    @Test
    void aDecimalADoubleCannotGiveBackIsRefusedInACreatedColumnAndKeptAsTextInATextColumn() {
        Path f = dir.resolve("dec.db");
        List<Column> cols = List.of(new Column("id", null, LogicalType.INT64, false, Column.Identity.NONE),
                Column.of("m", LogicalType.decimal(30, 10)));
        Table t1 = new Table(TableId.of("d"), cols, List.of("id"), List.of(), List.of(), -1);
        BigDecimal wide = new BigDecimal("12345678901234567890.1234567890");
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(t1));
            assertEquals("NUMERIC(30,10)", t.nativeType(LogicalType.decimal(30, 10)));
            try (TableSink sink = t.openSink(t1, cols, SinkOptions.DEFAULT)) {
                sink.write(new Object[] {1L, new BigDecimal("19.9900000000")});
                sink.write(new Object[] {2L, new BigDecimal("1234567890123456789")});
                DecantException e = assertThrows(DecantException.class, () -> sink.write(new Object[] {3L, wide}));
                assertEquals(ErrorCode.PRECISION_LOSS, e.code());
                assertTrue(e.getMessage().contains("d.m (row 3, id=3): 12345678901234567890.1234567890 would read back as"
                        + " 12345678901234567000.0000000000 from a SQLite NUMERIC column"), e.getMessage());
            }
        }
        // a whole value beyond a double's digits but within 64 bits is stored as an exact integer
        assertEquals(List.of(), TestDb.query(f, "SELECT m FROM d"));
        TestDb.exec(f, "DROP TABLE d", "CREATE TABLE d (id INTEGER PRIMARY KEY, m DECIMAL_TEXT(30,10))");
        try (TargetDatabase t = target(f); TableSink sink = t.openSink(t1, cols, SinkOptions.DEFAULT)) {
            sink.write(new Object[] {1L, wide});
            sink.commit();
        }
        assertEquals(List.of(List.of("12345678901234567890.1234567890", "text")), TestDb.query(f, "SELECT m, typeof(m) FROM d"));
        assertEquals(wide, TestDb.readAll(f, "d").get(0)[1]);
    }

    @Test
    void wholeDecimalsWithinSixtyFourBitsAreExactIntegers() {
        Path f = dir.resolve("whole.db");
        List<Column> cols = List.of(Column.of("m", LogicalType.decimal(20, 0)));
        Table t1 = new Table(TableId.of("w"), cols, List.of(), List.of(), List.of(), -1);
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(t1));
            try (TableSink sink = t.openSink(t1, cols, SinkOptions.DEFAULT)) {
                sink.write(new Object[] {new BigDecimal("9223372036854775807")});
                sink.commit();
            }
        }
        assertEquals(List.of(List.of("9223372036854775807", "integer")), TestDb.query(f, "SELECT CAST(m AS TEXT), typeof(m) FROM w"));
        assertEquals(new BigDecimal("9223372036854775807"), TestDb.readAll(f, "w").get(0)[0]);
    }

    @Test
    void aTargetIsCreatedWhenMissingAndResolvesNamesCaseInsensitively() {
        Path f = dir.resolve("new.sqlite");
        try (TargetDatabase t = target(f)) {
            t.createTables(List.of(FLOAT_TABLE));
            assertEquals(TableId.of("f"), t.resolve("F"));
            assertEquals(TableId.of("other"), t.resolve("other"));
            assertTrue(t.serverVersion().startsWith("SQLite 3."));
        }
        DecantException e = assertThrows(DecantException.class, () -> target(dir.resolve("no/such/dir.db")));
        assertEquals(ErrorCode.IO_ERROR, e.code());
    }
}
