package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import io.decant.testkit.PgServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkIT {
    private static String query(PgServer.TestDb db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            StringBuilder sb = new StringBuilder();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                sb.append('\n');
            }
            return sb.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nulInTextIsADataErrorNamingTheColumn() {
        PgServer.TestDb db = Pg.db("sink_nul");
        db.exec("CREATE TABLE notes (id int PRIMARY KEY, body text)");
        try (TargetDatabase dst = Pg.target(db)) {
            Table t = Pg.table(((SourceDatabase) dst).tables(), null, "notes");
            TableSink sink = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            try {
                sink.write(new Object[] {1, "fine"});
                DecantException e = assertThrows(DecantException.class, () -> sink.write(new Object[] {887, "bad\u0000byte"}));
                assertEquals(ErrorCode.VALUE_INVALID, e.code());
                assertEquals("[VALUE_INVALID] notes.body (row 2, id=887): text contains NUL (0x00) at character 3"
                        + " (value 'bad\\0byte') [rule: PostgreSQL text cannot contain NUL (0x00)]", e.getMessage());
            } finally {
                sink.abort();
            }
        }
        assertEquals("", query(db, "SELECT * FROM notes"));
    }

    @Test
    void abortLeavesTheTableAsItWasAndCommitMakesRowsVisible() {
        PgServer.TestDb db = Pg.db("sink_abort");
        db.exec("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'old')");
        try (TargetDatabase dst = Pg.target(db)) {
            Table t = Pg.table(((SourceDatabase) dst).tables(), null, "t");
            TableSink sink = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            for (int i = 2; i < 20_000; i++) {
                sink.write(new Object[] {i, "new " + i});
            }
            sink.abort();
            sink.abort(); // idempotent
            assertEquals("1|old\n", query(db, "SELECT * FROM t"));

            TableSink ok = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            ok.write(new Object[] {2, "two"});
            ok.write(new Object[] {3, null});
            assertEquals("1|old\n", query(db, "SELECT * FROM t ORDER BY id"), "nothing visible before commit");
            assertEquals(2, ok.commit());
            ok.abort(); // after commit: nothing
            assertEquals("1|old\n2|two\n3|null\n", query(db, "SELECT * FROM t ORDER BY id"));
        }
    }

    @Test
    void serverSideCopyErrorsNameTheRow() {
        PgServer.TestDb db = Pg.db("sink_dup");
        db.exec("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
        try (TargetDatabase dst = Pg.target(db)) {
            Table t = Pg.table(((SourceDatabase) dst).tables(), null, "t");
            TableSink sink = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            try {
                sink.write(new Object[] {1, "a"});
                sink.write(new Object[] {2, "b"});
                sink.write(new Object[] {2, "c"});
                DecantException e = assertThrows(DecantException.class, sink::commit);
                assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
                assertEquals(3L, e.context().rowOrdinal());
                assertEquals("id=2", e.context().rowKey());
                assertTrue(e.getMessage().contains("SQLState 23505"), e.getMessage());
            } finally {
                sink.abort();
            }
            TableSink nulls = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            try {
                nulls.write(new Object[] {5, "x"});
                nulls.write(new Object[] {6, null});
                DecantException e = assertThrows(DecantException.class, nulls::commit);
                assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
                assertEquals(2L, e.context().rowOrdinal());
                assertEquals("v", e.context().column());
            } finally {
                nulls.abort();
            }
        }
        assertEquals("", query(db, "SELECT * FROM t"));
    }

    /** A composite key, not in the first columns, named for a row written after the recent keys wrapped around. */
    @Test
    void serverSideCopyErrorsNameACompositeKeyAfterWrapAround() {
        PgServer.TestDb db = Pg.db("sink_dup2");
        db.exec("CREATE TABLE t (v text, a int, b text, PRIMARY KEY (b, a))");
        try (TargetDatabase dst = Pg.target(db)) {
            Table t = Pg.table(((SourceDatabase) dst).tables(), null, "t");
            TableSink sink = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            try {
                int rows = InFlightKeys.RECENT + 1000;
                for (int i = 1; i <= rows; i++) {
                    sink.write(new Object[] {"v" + i, i, "k" + (i % 7)});
                }
                sink.write(new Object[] {"dup", 5, "k5"});
                DecantException e = assertThrows(DecantException.class, sink::commit);
                assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
                assertEquals(rows + 1L, e.context().rowOrdinal());
                assertEquals("b, a=k5, 5", e.context().rowKey()); // RowKeys' composite form
            } finally {
                sink.abort();
            }
        }
        assertEquals("", query(db, "SELECT * FROM t"));
    }

    @Test
    void encodersFollowTheTargetColumnTypes() {
        PgServer.TestDb db = Pg.db("sink_types");
        db.exec("""
                CREATE TYPE color AS ENUM ('red', 'green');
                CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
                CREATE TABLE t (id bigint, j json, jb jsonb, c char(3), vc varchar(5), col color, cols color[],
                  p posint, n numeric(10,2), ts3 timestamp(3), d8 double precision, tags varchar(3)[]);
                """);
        Table t = new Table(io.decant.core.schema.TableId.of("t"), List.of(
                Column.of("id", LogicalType.INT32), Column.of("j", LogicalType.JSON), Column.of("jb", LogicalType.JSON),
                Column.of("c", LogicalType.TEXT), Column.of("vc", LogicalType.TEXT), Column.of("col", LogicalType.TEXT),
                Column.of("cols", LogicalType.array(LogicalType.TEXT)), Column.of("p", LogicalType.INT32),
                Column.of("n", LogicalType.decimal(10, 2)), Column.of("ts3", LogicalType.TIMESTAMP),
                Column.of("d8", LogicalType.FLOAT32), Column.of("tags", LogicalType.array(LogicalType.TEXT))),
                List.of(), List.of(), List.of(), -1);
        try (TargetDatabase dst = Pg.target(db)) {
            TableSink sink = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            sink.write(new Object[] {7, JsonText.trusted("{\"b\": 1,  \"a\": 2}"), JsonText.trusted("{\"b\": 1, \"a\": \"\\u00e9\"}"),
                "ab", "héllo", "green", Arrays.asList("red", null), 5, new BigDecimal("12.30"),
                LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_000_000), 1.5f, List.of("x", "yz")});
            assertEquals(1, sink.commit());

            TableSink precise = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            try {
                Object[] row = new Object[12];
                row[9] = LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_400_000);
                DecantException e = assertThrows(DecantException.class, () -> precise.write(row));
                assertEquals(ErrorCode.PRECISION_LOSS, e.code());
                assertEquals("ts3", e.context().column());
                row[9] = LocalDateTime.of(2020, 1, 2, 3, 4, 5, 1);
                e = assertThrows(DecantException.class, () -> precise.write(row));
                assertEquals(BinaryEncoders.RULE_SUBMICRO, e.context().rule());
            } finally {
                precise.abort();
            }
        }
        assertEquals("7|{\"b\": 1,  \"a\": 2}|{\"a\": \"é\", \"b\": 1}|ab |héllo|green|{red,NULL}|5|12.30|2020-01-02 03:04:05.123|1.5|{x,yz}\n",
                query(db, "SELECT * FROM t"));
    }

    @Test
    void typesThatCannotBeCopiedAreRefusedAtOpen() {
        PgServer.TestDb db = Pg.db("sink_mismatch");
        db.exec("CREATE TABLE t (a int, addr inet)");
        Table t = new Table(io.decant.core.schema.TableId.of("t"), List.of(Column.of("a", LogicalType.TEXT)),
                List.of(), List.of(), List.of(), -1);
        try (TargetDatabase dst = Pg.target(db)) {
            DecantException e = assertThrows(DecantException.class, () -> dst.openSink(t, t.columns(), SinkOptions.DEFAULT));
            assertEquals(ErrorCode.SCHEMA_MISMATCH, e.code());
            assertEquals("[SCHEMA_MISMATCH] t.a: cannot load text values into a column of type integer"
                    + " (binary COPY needs matching types, and no cast in the spec changes the type written here):"
                    + " leave the column out with skip: true in the spec, or make the target column text", e.getMessage());
            DecantException range = assertThrows(DecantException.class, () -> {
                Table wide = t.withColumns(List.of(Column.of("a", LogicalType.INT64)));
                TableSink s = dst.openSink(wide, wide.columns(), SinkOptions.DEFAULT);
                try {
                    s.write(new Object[] {1L << 40});
                } finally {
                    s.abort();
                }
            });
            assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, range.code());
            // plan's form of the refusal: plan itself adds the column's skip line
            assertEquals(java.util.Map.of("a", "cannot load text values into a column of type integer (binary COPY needs"
                    + " matching types, and no cast in the spec changes the type written here): make the target column text"),
                    dst.unwritable(t, t.columns()));
        }
        // both ways out named, run: the column left out loads the rest, and the target column made text loads it
        try (TargetDatabase dst = Pg.target(db)) {
            Column addr = Column.of("addr", LogicalType.TEXT);
            Table rest = new Table(io.decant.core.schema.TableId.of("t"), List.of(addr), List.of(), List.of(), List.of(), -1);
            TableSink s = dst.openSink(rest, rest.columns(), SinkOptions.DEFAULT);
            s.write(new Object[] {"10.0.0.1"});
            assertEquals(1, s.commit());
        }
        db.exec("ALTER TABLE t ALTER a TYPE text");
        try (TargetDatabase dst = Pg.target(db)) {
            TableSink s = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            s.write(new Object[] {"x"});
            assertEquals(1, s.commit());
        }
        assertEquals("null|10.0.0.1\nx|null\n", query(db, "SELECT a, addr FROM t ORDER BY a NULLS FIRST"));
    }

    @Test
    void disableForeignKeysNeedsSuperuser() {
        PgServer.TestDb db = Pg.db("sink_fk");
        String role = "decant_nosu_" + ProcessHandle.current().pid();
        db.exec("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN;"
                + " CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (id int, p int REFERENCES parent);"
                + " GRANT ALL ON parent, child TO " + role);
        try {
            String url = "postgres://" + role + "@" + PgServer.get().host() + ":" + PgServer.get().port() + "/" + db.name();
            try (TargetDatabase dst = io.decant.core.spi.Dialects.installed().openTarget(url, io.decant.core.spi.OpenOptions.DEFAULT)) {
                Table child = Pg.table(((SourceDatabase) dst).tables(), null, "child");
                DecantException e = assertThrows(DecantException.class,
                        () -> dst.openSink(child, child.columns(), new SinkOptions(true)));
                assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
                assertTrue(e.getMessage().contains("must be a superuser"), e.getMessage());
                assertTrue(e.getMessage().contains("GRANT SET ON PARAMETER session_replication_role TO " + role), e.getMessage());
                assertTrue(e.getMessage().contains("without --disable-fk"), e.getMessage());
                assertTrue(dst.checkNotes().stream().anyMatch(n -> n.startsWith("--disable-fk: not possible")), dst.checkNotes().toString());
            }
            // as superuser it works: a child row without parent goes in
            try (TargetDatabase dst = Pg.target(db)) {
                Table child = Pg.table(((SourceDatabase) dst).tables(), null, "child");
                TableSink s = dst.openSink(child, child.columns(), new SinkOptions(true));
                s.write(new Object[] {1, 42});
                assertEquals(1, s.commit());
                assertTrue(dst.checkNotes().contains("--disable-fk: possible (may set session_replication_role)"));
            }
        } finally {
            db.exec("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    @Test
    void snapshotIsSharedAcrossStreams() {
        PgServer.TestDb db = Pg.db("snap");
        db.exec("CREATE TABLE a (id int); CREATE TABLE b (id int); INSERT INTO a VALUES (1); INSERT INTO b VALUES (1)");
        try (SourceDatabase src = Pg.source(db)) {
            Table a = Pg.table(src, "a");
            Table b = Pg.table(src, "b");
            assertEquals(1, Pg.readAll(src, a).size());
            db.exec("INSERT INTO b VALUES (2)");
            assertEquals(1, Pg.readAll(src, b).size(), "b is read as of the first read");
            assertTrue(src.consistency().startsWith("one snapshot"));
        }
        try (SourceDatabase src = io.decant.core.spi.Dialects.installed().openSource(db.url(),
                new io.decant.core.spi.OpenOptions(List.of(), Map.of("postgres.snapshot", "false")))) {
            assertEquals(2, Pg.readAll(src, Pg.table(src, "b")).size());
        }
    }
}
