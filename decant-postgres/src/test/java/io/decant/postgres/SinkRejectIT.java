package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowRejector;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.testkit.PgServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code --on-error reject} in the PostgreSQL sink: rows the server refuses (unique key, CHECK,
 * varchar(3), numeric(5,2), NOT NULL, foreign key) are set aside with their SQLState, key and column,
 * wherever they are in the stream (first row, last row, neighbours, across a batch boundary, a whole
 * batch); the others load once and commit counts only them. Without a rejector the first bad row
 * still fails the table, named by its key.
 */
class SinkRejectIT {
    private static final String SCHEMA = """
            CREATE TABLE parent (id int PRIMARY KEY);
            INSERT INTO parent SELECT generate_series(1, 10);
            CREATE TABLE items (id int PRIMARY KEY, email text UNIQUE, code varchar(3), qty int CHECK (qty >= 0),
              amount numeric(5,2), parent_id int REFERENCES parent, note text NOT NULL);
            INSERT INTO items VALUES (0, 'zero@example.com', 'z', 0, 0, 1, 'there before');
            """;
    /** Three batches: two full ones and 300 rows. */
    private static final int ROWS = 2 * IsolatingCopy.MAX_ROWS + 300;

    private record Rejected(long ordinal, DecantException reason, List<String> columns, Object[] row) {
    }

    private static Object[] good(int i) {
        return new Object[] {i + 1, "u" + i + "@example.com", "c", 1, new BigDecimal("1.50"), 1 + i % 10, "n" + i};
    }

    /** Index (0-based) of each bad row and what makes it bad, with the SQLState (or code) expected. */
    private static Map<Integer, Bad> bad() {
        Map<Integer, Bad> m = new LinkedHashMap<>();
        m.put(0, new Bad("23505", r -> set(r, 0, 0)));                            // the first row: id of the row already there
        m.put(1, new Bad("22001", r -> set(r, 2, "abcd")));                        // its neighbour: too long for varchar(3)
        m.put(5000, new Bad("23514", r -> set(r, 3, -1)));                         // CHECK, then three neighbours
        m.put(5001, new Bad("23503", r -> set(r, 5, 99)));                         // foreign key: named by no line
        m.put(5002, new Bad("23502", r -> set(r, 6, null)));                       // NOT NULL
        m.put(5003, new Bad("22003", r -> set(r, 4, new BigDecimal("1000.00"))));  // numeric(5,2) overflow
        m.put(7000, new Bad("VALUE_INVALID", r -> set(r, 6, "a\u0000b")));          // refused by the encoder, not the server
        m.put(IsolatingCopy.MAX_ROWS - 1, new Bad("23505", r -> set(r, 1, "u3@example.com"))); // last of a batch: unique email
        m.put(IsolatingCopy.MAX_ROWS, new Bad("23505", r -> set(r, 0, 11)));      // first of the next: id of row 10
        m.put(15000, new Bad("23503", r -> set(r, 5, 99)));                        // two foreign keys in one batch
        m.put(15500, new Bad("23503", r -> set(r, 5, 98)));
        for (int i = 2 * IsolatingCopy.MAX_ROWS; i < ROWS; i++) {                  // a whole batch, to the last row
            int k = i;
            m.put(i, k % 2 == 0 ? new Bad("23514", r -> set(r, 3, -k)) : new Bad("23505", r -> set(r, 0, k - 1000)));
        }
        return m;
    }

    private record Bad(String state, UnaryOperator<Object[]> edit) {
    }

    private static Object[] set(Object[] row, int column, Object value) {
        row[column] = value;
        return row;
    }

    private static List<Object[]> rows(Map<Integer, Bad> bad) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Object[] row = good(i);
            Bad b = bad.get(i);
            rows.add(b == null ? row : b.edit().apply(row));
        }
        return rows;
    }

    private static String query(PgServer.TestDb db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusedRowsAreSetAsideWithTheirReasonAndEveryOtherRowLoadsOnce() throws Exception {
        for (boolean created : new boolean[] {false, true}) {
            PgServer.TestDb db = Pg.db("sink_reject");
            db.exec(SCHEMA);
            Map<Integer, Bad> bad = bad();
            List<Rejected> rejected = new ArrayList<>();
            RowRejector rejector = (ordinal, reason, columns, row) -> rejected.add(new Rejected(ordinal, reason, columns, row));
            long committed;
            try (TargetDatabase dst = Pg.target(db)) {
                Table t = Pg.table(((SourceDatabase) dst).tables(), null, "items");
                // created: as if decant had made the table, whose keys it builds after the rows without rejects
                TableSink sink = dst.openSink(t, t.columns(), new SinkOptions(false, null, created).withRejector(rejector));
                try {
                    for (Object[] row : rows(bad)) {
                        sink.write(row);
                    }
                    committed = sink.commit();
                } finally {
                    sink.abort();
                }
            }
            String shown = created ? "(table created by the run) " : "";
            assertEquals(bad.keySet().stream().map(i -> i + 1L).toList(),
                    rejected.stream().map(Rejected::ordinal).sorted().toList(), shown + "exactly the bad rows, by ordinal");
            for (Rejected r : rejected) {
                int i = (int) r.ordinal() - 1;
                String expected = bad.get(i).state();
                DecantException e = r.reason();
                assertTrue(e.getMessage().contains("SQLState " + expected) || e.code().name().equals(expected),
                        shown + "row " + r.ordinal() + ": " + e.getMessage());
                assertEquals(ErrorCode.Category.DATA, e.code().category(), e.getMessage());
                assertEquals(r.ordinal(), e.context().rowOrdinal(), e.getMessage());
                assertEquals("id=" + r.row()[0], e.context().rowKey(), e.getMessage());
                assertEquals("items", e.context().table(), e.getMessage());
                assertEquals(List.of("id", "email", "code", "qty", "amount", "parent_id", "note"), r.columns());
                assertTrue(rows(bad).get(i)[0].equals(r.row()[0]), "the row as written");
            }
            Rejected tooLong = rejected.stream().filter(r -> r.ordinal() == 2).findFirst().orElseThrow();
            assertEquals("[VALUE_OUT_OF_RANGE] items.code (row 2, id=2): the database refused the row: ERROR: value too long"
                    + " for type character varying(3) (SQLState 22001) (value 'abcd')", tooLong.reason().getMessage());
            Rejected dup = rejected.stream().filter(r -> r.ordinal() == 1).findFirst().orElseThrow();
            assertEquals("[CONSTRAINT_VIOLATION] items (row 1, id=0): the database refused the row: ERROR: duplicate key value"
                    + " violates unique constraint \"items_pkey\"; Detail: Key (id)=(0) already exists. (SQLState 23505)",
                    dup.reason().getMessage());

            long good = ROWS - bad.size();
            assertEquals(good, committed, shown + "commit counts the rows loaded");
            assertEquals(String.valueOf(good + 1), query(db, "SELECT count(*) FROM items"));
            assertEquals(String.valueOf(good + 1), query(db, "SELECT count(DISTINCT id) FROM items"));
            StringBuilder missing = new StringBuilder();
            for (int i = 0; i < ROWS; i++) {
                if (!bad.containsKey(i)) {
                    missing.append(i + 1).append(',');
                }
            }
            assertEquals("0", query(db, "SELECT count(*) FROM unnest('{" + missing.substring(0, missing.length() - 1)
                    + "}'::int[]) AS w(id) WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = w.id AND i.note = 'n' || (w.id - 1))"),
                    shown + "every good row is there, as written");
            assertEquals("there before", query(db, "SELECT note FROM items WHERE id = 0"));
            assertEquals("t", query(db, "SELECT count(*) = 2 FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype IN ('p', 'u')"),
                    shown + "the keys are in place");
        }
    }

    @Test
    void aDeferrableConstraintIsCheckedPerBatchNotAtTheCommit() throws Exception {
        PgServer.TestDb db = Pg.db("sink_reject_deferred");
        db.exec("CREATE TABLE d (id int, CONSTRAINT d_id UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)");
        List<Long> rejected = new ArrayList<>();
        try (TargetDatabase dst = Pg.target(db)) {
            Table t = Pg.table(((SourceDatabase) dst).tables(), null, "d");
            TableSink sink = dst.openSink(t, t.columns(), SinkOptions.DEFAULT.withRejector((o, why, c, r) -> rejected.add(o)));
            for (int i = 0; i < 100; i++) {
                sink.write(new Object[] {i % 60});
            }
            assertEquals(60, sink.commit());
        }
        assertEquals(40, rejected.size());
        assertEquals(61L, rejected.get(0));
        assertEquals("60", query(db, "SELECT count(DISTINCT id) FROM d"));
    }

    @Test
    void withoutRejectsTheFirstRefusedRowFailsTheTableNamingItsKey() throws Exception {
        PgServer.TestDb db = Pg.db("sink_reject_fail");
        db.exec(SCHEMA);
        Map<Integer, Bad> bad = new LinkedHashMap<>();
        bad.put(6000, new Bad("23514", r -> set(r, 3, -1)));
        bad.put(12000, new Bad("23505", r -> set(r, 0, 0)));
        try (TargetDatabase dst = Pg.target(db)) {
            Table t = Pg.table(((SourceDatabase) dst).tables(), null, "items");
            TableSink sink = dst.openSink(t, t.columns(), SinkOptions.DEFAULT);
            DecantException e;
            try {
                e = assertThrows(DecantException.class, () -> {
                    for (Object[] row : rows(bad)) {
                        sink.write(row);
                    }
                    sink.commit();
                });
            } finally {
                sink.abort();
            }
            assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code(), e.getMessage());
            assertEquals(6001L, e.context().rowOrdinal(), e.getMessage());
            assertEquals("id=6001", e.context().rowKey(), e.getMessage());
            assertTrue(e.getMessage().contains("SQLState 23514"), e.getMessage());
        }
        assertEquals("1", query(db, "SELECT count(*) FROM items"), "the table as it was");
    }
}
