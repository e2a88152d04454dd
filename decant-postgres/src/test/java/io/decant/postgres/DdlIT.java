package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import io.decant.testkit.PgServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlIT {
    private static long scalar(PgServer.TestDb db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void load(TargetDatabase dst, Table t, Object[]... rows) {
        TableSink s = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
        try {
            for (Object[] r : rows) {
                s.write(r);
            }
            s.commit();
        } finally {
            s.abort();
        }
    }

    @Test
    void weirdIdentifiersAreKeptExactly() {
        PgServer.TestDb db = Pg.db("ddl_names");
        List<String> names = List.of("select", "Mixed Case", "a\"b", "semi;colon", "ünï");
        Table parent = new Table(new TableId("My Schema", "Order"), List.of(
                new Column("select", null, LogicalType.INT32, false, Column.Identity.NONE),
                Column.of("Mixed Case", LogicalType.TEXT), Column.of("a\"b", LogicalType.TEXT),
                Column.of("semi;colon", LogicalType.array(LogicalType.INT64)), Column.of("ünï", LogicalType.decimal(5, 1))),
                List.of("select"), List.of(new Index("Order Mixed", List.of("Mixed Case"), true, true),
                new Index("idx \"q\"", List.of("a\"b", "semi;colon"), false, false)), List.of(), -1);
        Table child = new Table(new TableId("My Schema", "line;items"), List.of(Column.of("order", LogicalType.INT32)),
                List.of(), List.of(), List.of(new ForeignKey("fk to Order", List.of("order"), parent.id(), List.of("select"),
                true, "CASCADE", null)), -1);
        try (TargetDatabase dst = Pg.target(db, "My Schema")) {
            assertEquals(new TableId("My Schema", "Order"), dst.resolve("Order"));
            dst.createTables(List.of(parent, child));
            load(dst, parent, new Object[] {1, "x", "y", List.of(1L, 2L), new java.math.BigDecimal("1.5")});
            load(dst, child, new Object[] {1});
            dst.createIndexesAndForeignKeys(List.of(parent, child));
            List<Table> found = dst.tables();
            Table p = Pg.table(found, "My Schema", "Order");
            assertEquals(names, p.columnNames());
            assertEquals(List.of("select"), p.primaryKey());
            assertEquals(2, p.indexes().size());
            Table c = Pg.table(found, "My Schema", "line;items");
            assertEquals(parent.id(), c.foreignKeys().get(0).refTable());
            assertEquals("fk to Order", c.foreignKeys().get(0).name());
            assertEquals(1, Pg.readAll((io.decant.core.spi.SourceDatabase) dst, p).size());
            dst.truncate(List.of(c, p));
            assertEquals(0, Pg.readAll((io.decant.core.spi.SourceDatabase) dst, p).size());
        }
    }

    @Test
    void existingTablesAndOverlongNamesAreErrors() {
        PgServer.TestDb db = Pg.db("ddl_errors");
        db.exec("CREATE TABLE users (id int)");
        try (TargetDatabase dst = Pg.target(db)) {
            Table users = new Table(TableId.of("users"), List.of(Column.of("id", LogicalType.INT32)), List.of(), List.of(), List.of(), -1);
            Table other = new Table(TableId.of("other"), List.of(Column.of("id", LogicalType.INT32)), List.of(), List.of(), List.of(), -1);
            DecantException e = assertThrows(DecantException.class, () -> dst.createTables(List.of(other, users)));
            assertEquals("[SCHEMA_MISMATCH] table users already exists in the target; drop it or load without --create-schema",
                    e.getMessage());
            String longName = "x".repeat(61) + "äb"; // 64 bytes in UTF-8
            Table tooLong = new Table(TableId.of("t"), List.of(Column.of(longName, LogicalType.INT32)), List.of(), List.of(), List.of(), -1);
            e = assertThrows(DecantException.class, () -> dst.createTables(List.of(tooLong)));
            assertTrue(e.getMessage().contains("64 bytes long"), e.getMessage());
            assertTrue(e.getMessage().contains(longName), e.getMessage());
            assertEquals(0, scalar(db, "SELECT count(*) FROM pg_class WHERE relname IN ('t', 'other')"), "nothing created");
        }
    }

    @Test
    void afterLoadMovesSequencesPastTheLoadedValues() {
        PgServer.TestDb db = Pg.db("ddl_seq");
        db.exec("""
                CREATE TABLE s (id serial PRIMARY KEY, v text);
                CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY, "Weird Id" int GENERATED BY DEFAULT AS IDENTITY (START 100));
                CREATE TABLE e (id int GENERATED BY DEFAULT AS IDENTITY);
                SELECT nextval(pg_get_serial_sequence('e', 'id')) FROM generate_series(1, 5);
                """);
        try (TargetDatabase dst = Pg.target(db)) {
            List<Table> tables = dst.tables();
            Table s = Pg.table(tables, null, "s");
            Table a = Pg.table(tables, null, "a");
            Table e = Pg.table(tables, null, "e");
            assertEquals(Column.Identity.ALWAYS, a.column("id").identity());
            load(dst, s, new Object[] {41, "x"}, new Object[] {7, "y"});
            load(dst, a, new Object[] {1000L, 5});
            for (Table t : tables) {
                dst.afterLoad(t);
            }
        }
        db.exec("INSERT INTO s (v) VALUES ('next'); INSERT INTO a DEFAULT VALUES; INSERT INTO e DEFAULT VALUES");
        assertEquals(42, scalar(db, "SELECT id FROM s WHERE v = 'next'"));
        assertEquals(1001, scalar(db, "SELECT max(id) FROM a"));
        assertEquals(100, scalar(db, "SELECT \"Weird Id\" FROM a WHERE id = 1001"), "loaded 5 is before START 100");
        assertEquals(1, scalar(db, "SELECT id FROM e"), "empty table: the sequence starts over");
    }
}
