package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Column.Identity;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinkIT {
    private TestDb db;
    private TargetDatabase target;

    @BeforeEach
    void open() {
        db = TestDb.create("sink");
        target = new MysqlDialect().openTarget(db.url(), OpenOptions.DEFAULT);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        if (target != null) {
            target.close();
        }
    }

    private static Table table(String name, List<Column> columns, List<String> pk) {
        return new Table(TableId.of(name), columns, pk, List.of(), List.of(), -1);
    }

    private static Column notNull(String name, LogicalType type) {
        return new Column(name, null, type, false, Identity.NONE);
    }

    private Map<String, Table> discovered() {
        return ((SourceDatabase) target).tables().stream().collect(Collectors.toMap(Table::name, Function.identity()));
    }

    private long load(Table t, Object[]... rows) {
        try (TableSink sink = target.openSink(t, t.columns(), SinkOptions.DEFAULT)) {
            for (Object[] r : rows) {
                sink.write(r);
            }
            return sink.commit();
        }
    }

    @Test
    void nanInfinityAndNegativeZeroAreDataErrorsNamingTheRow() {
        Table t = table("floats", List.of(notNull("id", LogicalType.INT32), Column.of("x", LogicalType.FLOAT64),
                Column.of("y", LogicalType.FLOAT32)), List.of("id"));
        target.createTables(List.of(t));
        for (Object[] bad : new Object[][] {{2, Double.NaN, 1f}, {2, Double.POSITIVE_INFINITY, 1f}, {2, -0.0, 1f},
                {2, 1.0, Float.NaN}}) {
            DecantException e = assertThrows(DecantException.class, () -> load(t, new Object[] {1, 1.5, 2.5f}, bad));
            assertEquals(ErrorCode.VALUE_INVALID, e.code());
            assertTrue(e.getMessage().startsWith("[VALUE_INVALID] floats."), e.getMessage());
            assertTrue(e.getMessage().contains("row 2, id=2"), e.getMessage());
            assertTrue(e.getMessage().contains("[rule: " + Writers.RULE_FLOAT + "]"), e.getMessage());
            assertEquals(0, db.count("floats"), "nothing of a failed load stays");
        }
        assertEquals(2, load(t, new Object[] {1, 0.0, 0f}, new Object[] {2, Double.MIN_NORMAL, Float.MAX_VALUE}));
    }

    @Test
    void abortLeavesTheTableAsItWas() {
        Table t = table("items", List.of(notNull("id", LogicalType.INT64), Column.of("name", LogicalType.TEXT)), List.of("id"));
        target.createTables(List.of(t));
        load(t, new Object[] {-1L, "kept"}, new Object[] {-2L, "kept too"});
        TableSink sink = target.openSink(t, t.columns(), SinkOptions.DEFAULT);
        for (long i = 0; i < 2500; i++) {
            sink.write(new Object[] {i, "row " + i}); // more than two statements' worth are sent
        }
        sink.abort();
        sink.abort();
        sink.close();
        assertEquals(2, db.count("items"));
        TableSink done = target.openSink(t, t.columns(), SinkOptions.DEFAULT);
        done.write(new Object[] {7L, null});
        assertEquals(1, done.commit());
        done.abort();
        assertEquals(3, db.count("items"), "abort after commit does nothing");
    }

    @Test
    void serverRejectionsNameTheRowAndKeepTheSqlState() {
        Table t = table("people", List.of(notNull("id", LogicalType.INT32), Column.of("name", LogicalType.text(5))),
                List.of("id"));
        target.createTables(List.of(t));
        DecantException tooLong = assertThrows(DecantException.class, () -> load(t,
                new Object[] {1, "ann"}, new Object[] {2, "bob"}, new Object[] {3, "christopher"}));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, tooLong.code());
        assertTrue(tooLong.getMessage().contains("people.name (row 3, id=3)"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("SQLState 22001"), tooLong.getMessage());
        DecantException dup = assertThrows(DecantException.class, () -> load(t,
                new Object[] {1, "ann"}, new Object[] {1, "bob"}));
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, dup.code());
        assertTrue(dup.getMessage().contains("Duplicate entry"), dup.getMessage());
        assertEquals(0, db.count("people"));
    }

    @Test
    void weirdIdentifiersRoundTrip() {
        Column id = notNull("select", LogicalType.INT32);
        Column spaced = Column.of("my col", LogicalType.text(20));
        Column tick = Column.of("back`tick", LogicalType.INT32);
        Table parent = new Table(TableId.of("Order By"), List.of(id, spaced), List.of("select"),
                List.of(new Index("ix `odd`", List.of("my col"), false, false)), List.of(), -1);
        Table child = new Table(TableId.of("we`ird"), List.of(notNull("id", LogicalType.INT32), tick),
                List.of("id"), List.of(), List.of(new ForeignKey("fk`1", List.of("back`tick"), TableId.of("Order By"),
                List.of("select"))), -1);
        target.createTables(List.of(parent, child));
        load(parent, new Object[] {1, "x'y\"z\\"});
        load(child, new Object[] {10, 1});
        target.createIndexesAndForeignKeys(List.of(parent, child));
        Map<String, Table> found = discovered();
        assertEquals(List.of("select", "my col"), found.get("Order By").columnNames());
        assertTrue(found.get("Order By").indexes().stream().anyMatch(i -> i.name().equals("ix `odd`")));
        assertEquals("fk`1", found.get("we`ird").foreignKeys().get(0).name());
        List<Object[]> rows = RoundTripIT.readAll((SourceDatabase) target, found.get("Order By"));
        assertEquals("x'y\"z\\", rows.get(0)[1]);
        DecantException orphan = assertThrows(DecantException.class, () -> load(child, new Object[] {11, 99}));
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, orphan.code());
    }

    @Test
    void instantsAndDatesBeyondTimestampRange() {
        Table t = table("times", List.of(notNull("id", LogicalType.INT32), Column.of("at", LogicalType.TIMESTAMPTZ),
                Column.of("d", LogicalType.DATE), Column.of("local", LogicalType.TIMESTAMP)), List.of("id"));
        target.createTables(List.of(t));
        load(t, new Object[] {1, Instant.parse("0001-01-01T00:00:00Z"), LocalDate.of(1, 1, 1), LocalDateTime.of(1, 1, 1, 0, 0)},
                new Object[] {2, Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDate.of(9999, 12, 31),
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)},
                new Object[] {3, Instant.parse("2024-03-10T08:30:00.000001Z"), null, LocalDateTime.of(2024, 3, 10, 2, 30)});
        Table back = discovered().get("times");
        assertEquals(LogicalType.TIMESTAMPTZ, back.column("at").type());
        List<Object[]> rows = RoundTripIT.readAll((SourceDatabase) target, back);
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), rows.get(0)[1]);
        assertEquals(LocalDate.of(1, 1, 1), rows.get(0)[2]);
        assertEquals(Instant.parse("9999-12-31T23:59:59.999999Z"), rows.get(1)[1]);
        assertEquals(Instant.parse("2024-03-10T08:30:00.000001Z"), rows.get(2)[1]);
        assertEquals(LocalDateTime.of(2024, 3, 10, 2, 30), rows.get(2)[3]);
        assertEquals("9999-12-31 23:59:59.999999", db.query("SELECT at FROM times WHERE id = 2"), "stored as UTC");
        DecantException nanos = assertThrows(DecantException.class, () -> load(t,
                new Object[] {4, Instant.parse("2024-01-01T00:00:00.000000001Z"), null, null}));
        assertEquals(ErrorCode.PRECISION_LOSS, nanos.code());
    }

    @Test
    void decimalsAreNeverRoundedByTheServer() {
        Table t = table("money", List.of(notNull("id", LogicalType.INT32), Column.of("amount", LogicalType.decimal(10, 2))),
                List.of("id"));
        target.createTables(List.of(t));
        DecantException e = assertThrows(DecantException.class,
                () -> load(t, new Object[] {1, new java.math.BigDecimal("1.005")}));
        assertEquals(ErrorCode.PRECISION_LOSS, e.code());
        load(t, new Object[] {1, new java.math.BigDecimal("1.5")});
        assertEquals("1.50", db.query("SELECT amount FROM money"));
    }

    @Test
    void identityKeepsLoadedIdsIncludingZeroAndMovesPastThem() {
        Column id = new Column("id", null, LogicalType.INT64, false, Identity.BY_DEFAULT);
        Table t = table("seq", List.of(id, Column.of("v", LogicalType.TEXT)), List.of("id"));
        target.createTables(List.of(t));
        load(t, new Object[] {0L, "zero"}, new Object[] {41L, "x"});
        target.afterLoad(t);
        db.exec("INSERT INTO seq (v) VALUES ('next')");
        assertEquals("0", db.query("SELECT id FROM seq WHERE v = 'zero'"));
        assertEquals("42", db.query("SELECT id FROM seq WHERE v = 'next'"));
    }

    @Test
    void truncateEmptiesChildrenAndParentsOrNothing() {
        db.exec("CREATE TABLE parent (id INT PRIMARY KEY, boss INT, FOREIGN KEY (boss) REFERENCES parent (id))",
                "CREATE TABLE child (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES parent (id))",
                "INSERT INTO parent VALUES (1, NULL), (2, 1)", "INSERT INTO child VALUES (1, 2)");
        Map<String, Table> t = discovered();
        DecantException e = assertThrows(DecantException.class, () -> target.truncate(List.of(t.get("parent"))));
        assertTrue(e.getMessage().contains("child -> parent"), e.getMessage());
        assertEquals(2, db.count("parent"));
        target.truncate(List.of(t.get("child"), t.get("parent")));
        assertEquals(0, db.count("parent"));
        assertEquals(0, db.count("child"));
        assertEquals("1", db.query("SELECT @@FOREIGN_KEY_CHECKS"));
    }

    @Test
    void disabledForeignKeysLetChildrenLoadFirst() {
        db.exec("CREATE TABLE p (id INT PRIMARY KEY)", "CREATE TABLE c (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES p (id))");
        Table c = discovered().get("c");
        try (TableSink sink = target.openSink(c, c.columns(), new SinkOptions(true))) {
            sink.write(new Object[] {1, 5});
            sink.commit();
        }
        assertEquals(1, db.count("c"));
    }
}
