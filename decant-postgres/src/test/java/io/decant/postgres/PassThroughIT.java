package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.EncodedRowStream;
import io.decant.core.spi.EncodedRows;
import io.decant.core.spi.RowEncoding;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.testkit.PgServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows passed through in binary COPY form, from a PostgreSQL source to a PostgreSQL sink with the
 * same built-in column types: they arrive exactly as they were (compared by each row's text form on
 * the server), only where both sides agree on every column's type, and a row the target refuses is
 * still named by its key.
 */
class PassThroughIT {
    private static final String ALL_TYPES = """
            CREATE TABLE all_types (
              id int8 PRIMARY KEY, i2 int2, i4 int4, f4 float4, f8 float8, n numeric, n2 numeric(12,2),
              b boolean, t text, vc varchar(20), ch char(3), by bytea, d date, ts timestamp, tz timestamptz,
              tm time, u uuid, j json, jb jsonb, ia int4[], ta text[])""";
    private static final String ROWS = """
            INSERT INTO all_types VALUES
              (1, -32768, 2147483647, 'NaN', '-0', '0.00000000000000000001', 0.01, true, 'zoë 🐘 "q" \\ tab	x', 'abc', 'ab',
               '\\x00ff10', '0001-01-01', '0001-01-01 00:00:00', '2024-02-29 23:59:59.999999+05:30', '23:59:59.999999',
               'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b": 1, "a": [1, 2]}',
               '{"b": 1, "a": [1, 2.50]}', '{1,NULL,3}', '{"x,y",NULL,""}'),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL),
              (3, 0, 0, 1.5e-45, 1.7976931348623157e308, -123456789012345678901234567890.123456789, -0.50, false, '',
               '', '', '', '5874897-12-31', '1970-01-01 00:00:00.000001', '0001-01-01 00:00:00+00', '00:00:00', '00000000-0000-0000-0000-000000000000',
               'null', '[]', '{}', '{}')""";
    private static final String SAME = "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM all_types t";

    /** Reads {@code table} from {@code src} in {@code sink}'s form and writes it, {@code batch} rows at a time. */
    private static long passThrough(SourceDatabase src, Table table, TableSink sink, int batch) {
        RowEncoding encoding = sink.encoding();
        assertNotNull(encoding, "the sink takes rows in binary COPY form");
        long written = 0;
        try (EncodedRowStream rows = src.readEncoded(table, table.columns(), encoding, false, null)) {
            assertNotNull(rows, "the source produces the sink's form");
            for (EncodedRows b = rows.next(batch); b != null; b = rows.next(batch)) {
                assertTrue(b.rows() > 0 && b.rows() <= batch);
                sink.writeEncoded(b);
                written += b.rows();
            }
            assertEquals(written, rows.rowsRead());
        }
        return written;
    }

    @Test
    void everyBuiltInTypeArrivesExactlyAsItWas() {
        PgServer.TestDb from = Pg.db("pass_src");
        PgServer.TestDb to = Pg.db("pass_dst");
        from.exec(ALL_TYPES + "; " + ROWS + "; INSERT INTO all_types (id, t, jb) SELECT g, 'row ' || g, ('{\"g\": ' || g || '}')::jsonb"
                + " FROM generate_series(4, 25000) g");
        to.exec(ALL_TYPES);
        try (SourceDatabase src = Pg.source(from); TargetDatabase dst = Pg.target(to)) {
            Table t = Pg.table(src, "all_types");
            TableSink sink = dst.openSink(Pg.table((SourceDatabase) dst, "all_types"), t.columns(), SinkOptions.DEFAULT);
            try {
                assertEquals(25_000, passThrough(src, t, sink, 1000));
                assertEquals(25_000, sink.commit());
            } finally {
                sink.abort();
            }
        }
        assertEquals(from.one(SAME), to.one(SAME));
        assertEquals("zoë 🐘 \"q\" \\ tab\tx|\\x00ff10|0001-01-01 00:00:00|0.00000000000000000001|-0", to.one(
                "SELECT t || '|' || by::text || '|' || ts::text || '|' || n::text || '|' || f8::text FROM all_types WHERE id = 1"));
    }

    @Test
    void onlyTheSameBuiltInTypesOnBothSidesPassThrough() {
        PgServer.TestDb from = Pg.db("pass_types_src");
        PgServer.TestDb to = Pg.db("pass_types_dst");
        from.exec("CREATE DOMAIN pos AS int CHECK (VALUE > 0);"
                + " CREATE TABLE a (id int PRIMARY KEY, v text); CREATE TABLE b (id int PRIMARY KEY, v pos);"
                + " CREATE TABLE c (id int PRIMARY KEY, v numeric(10,2))");
        to.exec("CREATE DOMAIN pos AS int CHECK (VALUE > 0);"
                + " CREATE TABLE a (id int PRIMARY KEY, v varchar(10)); CREATE TABLE b (id int PRIMARY KEY, v pos);"
                + " CREATE TABLE c (id int PRIMARY KEY, v numeric(10,3))");
        try (SourceDatabase src = Pg.source(from); TargetDatabase dst = Pg.target(to)) {
            for (String name : List.of("a", "c")) {
                Table t = Pg.table(src, name);
                TableSink sink = dst.openSink(Pg.table((SourceDatabase) dst, name), t.columns(), SinkOptions.DEFAULT);
                try {
                    RowEncoding e = sink.encoding();
                    assertNotNull(e, name);
                    assertNull(src.readEncoded(t, t.columns(), e, false, null), name + ": types differ");
                } finally {
                    sink.abort();
                }
            }
            Table b = Pg.table(src, "b");
            TableSink sink = dst.openSink(Pg.table((SourceDatabase) dst, "b"), b.columns(), SinkOptions.DEFAULT);
            try {
                assertNull(sink.encoding(), "a domain is checked by the target, not passed through");
            } finally {
                sink.abort();
            }
            TableSink rejecting = dst.openSink(Pg.table((SourceDatabase) dst, "a"), Pg.table(src, "a").columns(),
                    SinkOptions.DEFAULT.withRejector((o, why, c, r) -> { }));
            try {
                assertNull(rejecting.encoding(), "with rejects each row is written as values");
            } finally {
                rejecting.abort();
            }
        }
    }

    @Test
    void aRowTheTargetRefusesIsNamedByItsKeyAndNothingIsLoaded() {
        PgServer.TestDb from = Pg.db("pass_bad_src");
        PgServer.TestDb to = Pg.db("pass_bad_dst");
        from.exec("CREATE TABLE r (id int PRIMARY KEY, v text);"
                + " INSERT INTO r SELECT g, CASE WHEN g = 70001 THEN 'bad' ELSE 'ok' END FROM generate_series(1, 100000) g");
        to.exec("CREATE TABLE r (id int PRIMARY KEY, v text CHECK (v <> 'bad'))");
        try (SourceDatabase src = Pg.source(from); TargetDatabase dst = Pg.target(to)) {
            Table t = Pg.table(src, "r");
            TableSink sink = dst.openSink(Pg.table((SourceDatabase) dst, "r"), t.columns(), SinkOptions.DEFAULT);
            try {
                DecantException e = assertThrows(DecantException.class, () -> {
                    passThrough(src, t, sink, 1000);
                    sink.commit();
                });
                assertEquals(70001L, e.context().rowOrdinal(), e.getMessage());
                assertEquals("id=70001", e.context().rowKey(), e.getMessage());
            } finally {
                sink.abort();
            }
        }
        assertEquals("0", to.one("SELECT count(*) FROM r"));
    }

    @Test
    void aReadInKeyOrderContinuesAfterItsPosition() {
        PgServer.TestDb from = Pg.db("pass_order_src");
        from.exec("CREATE TABLE k (id text PRIMARY KEY, v int);"
                + " INSERT INTO k SELECT 'key ''' || lpad(g::text, 4, '0'), g FROM generate_series(1, 50) g");
        try (SourceDatabase src = Pg.source(from)) {
            Table t = Pg.table(src, "k");
            PgServer.TestDb to = Pg.db("pass_order_dst");
            to.exec("CREATE TABLE k (id text PRIMARY KEY, v int)");
            RowEncoding encoding;
            try (TargetDatabase dst = Pg.target(to)) {
                TableSink sink = dst.openSink(Pg.table((SourceDatabase) dst, "k"), t.columns(), SinkOptions.DEFAULT);
                encoding = sink.encoding();
                sink.abort();
            }
            String position;
            try (EncodedRowStream rows = src.readEncoded(t, t.columns(), encoding, true, null)) {
                assertEquals(20, rows.next(20).rows());
                position = rows.position();
            }
            assertEquals("key '0020", position);
            List<Integer> rest = new ArrayList<>();
            try (EncodedRowStream rows = src.readEncoded(t, t.columns(), encoding, true, position)) {
                for (EncodedRows b = rows.next(7); b != null; b = rows.next(7)) {
                    rest.add(b.rows());
                }
                assertEquals(30, rows.rowsRead());
            }
            assertEquals(List.of(7, 7, 7, 7, 2), rest);
            // Without the key among the columns, the position comes from the key's text form, selected for it.
            List<Column> valueOnly = List.of(t.findColumn("v").orElseThrow());
            try (EncodedRowStream rows = src.readEncoded(t, valueOnly, new RowEncoding(encoding.format(),
                    encoding.columnTypes().subList(1, 2)), true, "key '0045")) {
                assertEquals(3, rows.next(3).rows());
                assertEquals("key '0048", rows.position());
                assertEquals(2, rows.next(100).rows());
            }
        }
    }

    @Test
    void aUuidKeyGivesItsPositionFromItsOwnField() {
        PgServer.TestDb from = Pg.db("pass_uuid_src");
        from.exec("CREATE TABLE u (id uuid PRIMARY KEY, n int);"
                + " INSERT INTO u SELECT md5(g::text)::uuid, g FROM generate_series(1, 30) g");
        String third = from.one("SELECT id::text FROM u ORDER BY id OFFSET 2 LIMIT 1");
        try (SourceDatabase src = Pg.source(from)) {
            Table t = Pg.table(src, "u");
            RowEncoding encoding = new RowEncoding("PostgreSQL " + from.one("SHOW server_version_num").substring(0, 2)
                    + " binary COPY", List.of("2950 uuid", "23 integer"));
            try (EncodedRowStream rows = src.readEncoded(t, t.columns(), encoding, true, null)) {
                assertNotNull(rows);
                assertEquals(3, rows.next(3).rows());
                assertEquals(third, rows.position());
            }
            try (EncodedRowStream rows = src.readEncoded(t, t.columns(), encoding, true, third)) {
                assertEquals(27, rows.next(100).rows());
            }
        }
    }

    @Test
    void columnsOfTheTableCanBeAskedForInAnotherOrder() {
        PgServer.TestDb from = Pg.db("pass_cols_src");
        PgServer.TestDb to = Pg.db("pass_cols_dst");
        from.exec("CREATE TABLE p (id int PRIMARY KEY, a text, b int); INSERT INTO p VALUES (1, 'x', 10), (2, NULL, 20)");
        to.exec("CREATE TABLE p (b int, id int PRIMARY KEY, a text)");
        try (SourceDatabase src = Pg.source(from); TargetDatabase dst = Pg.target(to)) {
            Table s = Pg.table(src, "p");
            Table d = Pg.table((SourceDatabase) dst, "p");
            List<Column> order = List.of(s.findColumn("b").orElseThrow(), s.findColumn("id").orElseThrow(),
                    s.findColumn("a").orElseThrow());
            TableSink sink = dst.openSink(d, d.columns(), SinkOptions.DEFAULT);
            try (EncodedRowStream rows = src.readEncoded(s, order, sink.encoding(), false, null)) {
                for (EncodedRows b = rows.next(10); b != null; b = rows.next(10)) {
                    sink.writeEncoded(b);
                }
                assertEquals(2, sink.commit());
            } finally {
                sink.abort();
            }
        }
        assertEquals("10,1,x|20,2", to.one("SELECT string_agg(concat_ws(',', b, id, a), '|' ORDER BY id) FROM p"));
    }

    /** The rows of {@code t} in its own binary COPY form, as a sink of the same types would ask for them. */
    private static List<EncodedRows> readEncoded(PgServer.TestDb db, SourceDatabase src, Table t) throws Exception {
        RowEncoding encoding;
        try (java.sql.Connection c = db.connect()) {
            encoding = PgWireForm.encoding(PgWireForm.format(c), t.columns().stream().map(Column::name).toList(),
                    PgWireForm.columnTypes(c, t.id()));
        }
        List<EncodedRows> out = new ArrayList<>();
        try (EncodedRowStream rows = src.readEncoded(t, t.columns(), encoding, false, null)) {
            assertNotNull(rows);
            for (EncodedRows b = rows.next(100); b != null; b = rows.next(100)) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * A value that reading it as a value refuses (infinity, BC, 24:00, numeric NaN, an array with
     * another lower bound) is refused when its row would pass through, with the same message; the
     * values at the edge of what is accepted pass.
     */
    @Test
    void whatReadingRefusesIsRefusedTheSameWayAndItsEdgesPass() throws Exception {
        PgServer.TestDb db = Pg.db("pass_refuse");
        String[][] cases = {
            {"timestamp", "'0001-01-01 00:00:00'", "'infinity'"},
            {"timestamp", "'9999-12-31 23:59:59.999999'", "'0001-12-31 23:59:59 BC'"},
            {"timestamptz", "'0001-01-01 00:00:00+00'", "'-infinity'"},
            {"timestamptz", "'2024-02-29 12:00:00+05'", "'0001-12-31 23:59:59+00 BC'"},
            {"date", "'0001-01-01'", "'0044-03-15 BC'"},
            {"date", "'5874897-12-31'", "'infinity'"},
            {"time", "'23:59:59.999999'", "'24:00:00'"},
            {"numeric", "'-0.000001'", "'NaN'"},
            {"numeric(10,2)", "'12345678.90'", "'NaN'"},
            {"numeric", "'99999999999999999999999.5'", "'-Infinity'"},
            {"int[]", "'{1,NULL,3}'", "'[0:1]={1,2}'"},
        };
        StringBuilder ddl = new StringBuilder();
        for (int i = 0; i < cases.length; i++) {
            ddl.append("CREATE TABLE c").append(i).append(" (id int PRIMARY KEY, v ").append(cases[i][0]).append(");")
                    .append("INSERT INTO c").append(i).append(" VALUES (1, ").append(cases[i][1]).append("), (887, ")
                    .append(cases[i][2]).append(");");
        }
        db.exec(ddl.toString());
        // (a source reads one snapshot, taken when it opens)
        try (SourceDatabase src = Pg.source(db)) {
            for (int i = 0; i < cases.length; i++) {
                Table t = Pg.table(src, "c" + i);
                DecantException asValues = assertThrows(DecantException.class, () -> Pg.readAll(src, t), cases[i][2]);
                DecantException passing = assertThrows(DecantException.class, () -> readEncoded(db, src, t), cases[i][2]);
                assertEquals(asValues.getMessage(), passing.getMessage());
                assertTrue(passing.getMessage().contains("(row 2, id=887)"), passing.getMessage());
                db.exec("DELETE FROM c" + i + " WHERE id = 887");
            }
        }
        try (SourceDatabase src = Pg.source(db)) {
            for (int i = 0; i < cases.length; i++) {
                Table t = Pg.table(src, "c" + i);
                assertEquals(1, Pg.readAll(src, t).size(), cases[i][1] + " is read");
                assertEquals(1, readEncoded(db, src, t).get(0).rows(), cases[i][1] + " passes");
            }
        }
    }

    /** A key whose type is a domain (read as values: a domain does not pass through) continues after its position too. */
    @Test
    void aDomainKeyContinuesAfterItsPosition() {
        PgServer.TestDb db = Pg.db("pass_domain_key");
        db.exec("CREATE DOMAIN pos AS int CHECK (VALUE > 0);"
                + " CREATE TABLE dk (id pos PRIMARY KEY, v text); INSERT INTO dk SELECT g, 'v' || g FROM generate_series(1, 10) g");
        try (SourceDatabase src = Pg.source(db)) {
            Table t = Pg.table(src, "dk");
            assertEquals("by primary key id", src.resumeOrder(t));
            List<Object> ids = new ArrayList<>();
            try (var rows = src.readFrom(t, t.columns(), "6")) {
                ids.add(rows.next()[0]);
                ids.add(rows.next()[0]);
                assertEquals("8", rows.position());
                for (Object[] r = rows.next(); r != null; r = rows.next()) {
                    ids.add(r[0]);
                }
            }
            assertEquals(List.of(7, 8, 9, 10), ids);
        }
    }
}
