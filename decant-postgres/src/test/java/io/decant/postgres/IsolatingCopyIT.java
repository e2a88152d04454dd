package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

/**
 * {@link IsolatingCopy} against a model: over seeded random rows (duplicate keys, a CHECK, a foreign
 * key; bad rows sparse, dense or all of them) and small batches, exactly the rows the model refuses
 * are refused, with the SQLState of their violation, every other row is in the table once, and the
 * number of COPYs stays within O(k log n) for k refused rows in a batch of n.
 */
class IsolatingCopyIT {
    /** The one row in the table before the load: rows with this id are duplicates. */
    private static final int EXISTING = 5000;
    private static final int ROW_BYTES = 2 + 8 + 8;
    private static PgServer.TestDb db;

    @BeforeAll
    static void database() {
        db = Pg.db("isolating");
        db.exec("CREATE TABLE parent (id int PRIMARY KEY); INSERT INTO parent SELECT generate_series(0, 99)");
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    private record Row(int id, int v) {
    }

    /** What the server must say about a row, given the rows accepted before it; null: accepted. */
    private static Set<String> violations(Row r, Set<Integer> ids) {
        Set<String> states = new HashSet<>();
        if (r.v() == 13) {
            states.add("23514");
        }
        if (ids.contains(r.id())) {
            states.add("23505");
        }
        if (states.isEmpty() && (r.v() < 0 || r.v() > 99)) {
            states.add("23503"); // checked at the end of the COPY, so only when nothing else refused the row
        }
        return states.isEmpty() ? null : states;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyTheRefusedRowsAreSetAsideAndTheRestLoadsOnce(long seed) throws Exception {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(seed % 5 == 0 ? 2000 : 300);
        int maxRows = 1 + rnd.nextInt(64);
        int maxBytes = rnd.nextInt(3) == 0 ? ROW_BYTES * (1 + rnd.nextInt(20)) : 1 << 20;
        double bad = new double[] {0, 0.005, 0.03, 0.2, 0.6, 1.0}[rnd.nextInt(6)];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            int v = rnd.nextInt(100);
            if (v == 13) {
                v = 12;
            }
            if (rnd.nextDouble() < bad) {
                switch (rnd.nextInt(4)) {
                    case 0 -> v = 13;
                    case 1 -> v = 100 + rnd.nextInt(50);
                    case 2 -> id = rnd.nextBoolean() || i == 0 ? EXISTING : rnd.nextInt(i);
                    default -> {
                        id = i == 0 ? EXISTING : rnd.nextInt(i);
                        v = rnd.nextBoolean() ? 13 : 200;
                    }
                }
            }
            rows.add(new Row(id, v));
        }
        Outcome out = load("t_" + seed, rows, maxRows, maxBytes);

        Set<Integer> ids = new HashSet<>(Set.of(EXISTING));
        Map<Long, Set<String>> expected = new LinkedHashMap<>();
        List<String> loaded = new ArrayList<>();
        List<Integer> perBatch = new ArrayList<>();
        int inBatch = 0;
        int batchBytes = 0;
        int badInBatch = 0;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            Set<String> v = violations(r, ids);
            if (v == null) {
                ids.add(r.id());
                loaded.add(r.id() + ":" + r.v());
            } else {
                expected.put(i + 1L, v);
                badInBatch++;
            }
            inBatch++;
            batchBytes += ROW_BYTES;
            if (inBatch == maxRows || batchBytes >= maxBytes || i == n - 1) {
                perBatch.add(bound(inBatch, badInBatch));
                inBatch = 0;
                batchBytes = 0;
                badInBatch = 0;
            }
        }
        String shown = "seed " + seed + ": n=" + n + " maxRows=" + maxRows + " maxBytes=" + maxBytes + " bad=" + bad;
        assertEquals(expected.keySet(), out.refused.keySet(), "the refused rows, " + shown);
        for (var e : expected.entrySet()) {
            assertTrue(e.getValue().contains(out.refused.get(e.getKey())), "row " + e.getKey() + " refused with "
                    + out.refused.get(e.getKey()) + ", expected one of " + e.getValue() + "; " + shown);
        }
        loaded.sort(null);
        assertEquals(loaded, out.table, "every accepted row once, " + shown);
        assertEquals(loaded.size(), out.accepted, shown);
        int batches = perBatch.size();
        int allowed = batches + perBatch.stream().mapToInt(Integer::intValue).sum();
        assertTrue(out.copies <= allowed, out.copies + " COPYs for " + batches + " batches, at most " + allowed + "; " + shown);
    }

    /** Extra COPYs a batch of {@code n} rows with {@code k} refused may take: O(k log n), and never beyond 2n. */
    private static int bound(int n, int k) {
        int log = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        return Math.min(2 * n, k * (3 * log + 3));
    }

    @Test
    void aCleanLoadIsOneCopyPerBatch() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(new Row(i, i % 10));
        }
        Outcome out = load("t_clean", rows, 10, 1 << 20);
        assertEquals(Map.of(), out.refused);
        assertEquals(25, out.accepted);
        assertEquals(3, out.copies);
    }

    @Test
    void aRefusalTheServerPinsToALineCostsAboutThreeCopies() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new Row(i, i == 500 ? 13 : 1));
        }
        Outcome out = load("t_pinned", rows, 1000, 1 << 20);
        assertEquals(Map.of(501L, "23514"), out.refused);
        // the batch; rows 1..500 again; then 501..1000 in two halves
        assertEquals(4, out.copies);
    }

    private record Outcome(Map<Long, String> refused, List<String> table, long accepted, long copies) {
    }

    private static Outcome load(String table, List<Row> rows, int maxRows, int maxBytes) throws SQLException {
        db.exec("CREATE TABLE " + table + " (id int PRIMARY KEY, v int CHECK (v <> 13) REFERENCES parent);"
                + " INSERT INTO " + table + " VALUES (" + EXISTING + ", 0)");
        Map<Long, String> refused = new LinkedHashMap<>();
        long accepted;
        long copies;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            CopyBuffer buffer = new CopyBuffer();
            IsolatingCopy copy = new IsolatingCopy(c, c.unwrap(PGConnection.class).getCopyAPI(),
                    "COPY " + table + " (id, v) FROM STDIN (FORMAT binary)", PgTableSink.HEADER, buffer,
                    (ordinal, row, why) -> {
                        if (refused.put(ordinal, why.getSQLState()) != null) {
                            throw new AssertionError("row " + ordinal + " refused twice");
                        }
                    }, maxRows, maxBytes);
            long ordinal = 0;
            for (Row r : rows) {
                buffer.writeShort(2);
                buffer.writeInt(4);
                buffer.writeInt(r.id());
                buffer.writeInt(4);
                buffer.writeInt(r.v());
                copy.add(new Object[] {r.id(), r.v()}, ++ordinal);
            }
            copy.finish();
            c.commit();
            accepted = copy.accepted();
            copies = copy.copies();
            assertEquals(refused.size(), copy.refused());
        }
        List<String> content = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v FROM " + table + " WHERE NOT (id = " + EXISTING + " AND v = 0)")) {
            while (rs.next()) {
                content.add(rs.getInt(1) + ":" + rs.getInt(2));
            }
        }
        content.sort(null);
        return new Outcome(refused, content, accepted, copies);
    }
}
