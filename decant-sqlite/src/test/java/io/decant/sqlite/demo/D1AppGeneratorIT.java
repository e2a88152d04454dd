package io.decant.sqlite.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.checksum.RowHasher;
import io.decant.core.checksum.TableChecksum;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import io.decant.sqlite.SqliteDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class D1AppGeneratorIT {
    @TempDir
    Path dir;

    private static SourceDatabase open(Path f) {
        return new SqliteDialect().openSource("sqlite:" + f, OpenOptions.DEFAULT);
    }

    /** Table name to checksum over every column, read through decant's own source. */
    private static Map<String, String> checksums(Path f) {
        Map<String, String> out = new LinkedHashMap<>();
        try (SourceDatabase src = open(f)) {
            for (Table t : src.tables()) {
                RowHasher hasher = new RowHasher(t.columns().stream().map(Column::type).toList());
                TableChecksum sum = new TableChecksum();
                long[] h = new long[2];
                try (RowStream s = src.read(t, t.columns())) {
                    for (Object[] row = s.next(); row != null; row = s.next()) {
                        hasher.hash(row, h);
                        sum.add(h);
                    }
                }
                out.put(t.name(), sum.toString());
            }
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameDatabase() throws Exception {
        Path a = dir.resolve("a.db");
        Path b = dir.resolve("b.db");
        Path c = dir.resolve("c.db");
        D1AppGenerator.generate(a, DemoSize.TINY, 7);
        D1AppGenerator.generate(b, DemoSize.TINY, 7);
        D1AppGenerator.generate(c, DemoSize.TINY, 8);
        assertEquals(checksums(a), checksums(b));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "byte-identical files");
        assertNotEquals(checksums(a).get("users"), checksums(c).get("users"));
        // generating over an existing file replaces it
        D1AppGenerator.generate(a, DemoSize.TINY, 7);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void theSchemaIsDiscoverableAndEveryValueReads() {
        Path f = dir.resolve("d1.db");
        D1AppGenerator.generate(f, 2_000, 42);
        Map<String, String> sums = checksums(f); // reads every value of every table: no conversion error
        assertEquals(List.of("accounts", "d1_migrations", "habit_logs", "habits", "readings", "sessions", "user_progress",
                "user_wallet", "users"), List.copyOf(sums.keySet()));
        assertTrue(sums.get("readings").startsWith("2000:"), sums.get("readings"));
        try (SourceDatabase src = open(f)) {
            Table readings = table(src, "readings");
            assertEquals(LogicalType.decimal(10, 2), readings.column("amount").type());
            assertEquals(LogicalType.FLOAT64, readings.column("value").type());
            assertEquals(LogicalType.BYTES, readings.column("payload").type());
            assertEquals(List.of("id"), readings.primaryKey());
            Table users = table(src, "users");
            assertEquals(LogicalType.TEXT, users.column("created_at").type(), "text stays text without a spec");
            assertEquals(LogicalType.INT64, users.column("emailVerified").type());
            assertEquals(List.of(new ForeignKey("user_wallet_user_id_fkey", List.of("user_id"), TableId.of("users"),
                    List.of("id"), false, "CASCADE", null)), table(src, "user_wallet").foreignKeys());
            assertEquals(List.of(new ForeignKey("habit_logs_habit_id_fkey", List.of("habit_id"), TableId.of("habits"),
                    List.of("id"), false, "CASCADE", null)), table(src, "habit_logs").foreignKeys());
            assertEquals(Column.Identity.BY_DEFAULT, table(src, "d1_migrations").column("id").identity());
            assertFalse(src.tables().stream().anyMatch(t -> t.name().equals("_cf_KV")));
        }
    }

    @Test
    void theDataHasWhatRealD1DataHas() {
        Path f = dir.resolve("d1.db");
        D1AppGenerator.generate(f, DemoSize.SMALL, 42);
        assertEquals(List.of(List.of(3)), q(f, "SELECT count(*) FROM habit_logs WHERE habit_id NOT IN (SELECT id FROM habits)"));
        assertEquals(List.of(List.of(2)), q(f, "SELECT count(*) FROM accounts WHERE userId NOT IN (SELECT id FROM users)"));
        assertEquals(List.of(List.of(1)), q(f, "SELECT count(*) FROM (SELECT lower(email) FROM users GROUP BY 1 HAVING count(*) > 1)"));
        assertEquals(List.of(List.of(8)), q(f, "SELECT count(*) FROM users WHERE id LIKE 'usr_%'"));
        List<List<Object>> classes = q(f, "SELECT DISTINCT typeof(amount) FROM readings ORDER BY 1");
        assertEquals(List.of(List.of("integer"), List.of("null"), List.of("real")), classes);
        assertEquals(List.of(List.of(1)), q(f, "SELECT count(*) > 0 FROM users WHERE created_at LIKE '____-__-__ __:__:__'"));
        assertEquals(List.of(List.of(1)), q(f, "SELECT count(*) > 0 FROM users WHERE created_at LIKE '____-__-__T__:__:__.___Z'"));
        assertEquals(List.of(List.of(1)), q(f, "SELECT count(*) > 0 FROM habit_logs WHERE note LIKE '%' || char(10) || '%'"));
        assertEquals(List.of(List.of(1)), q(f, "SELECT count(*) > 0 FROM readings WHERE instr(payload, x'00') > 0"));
    }

    private static List<List<Object>> q(Path f, String sql) {
        try (var c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + f, new java.util.Properties());
             var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            List<List<Object>> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(List.of(rs.getObject(1)));
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Table table(SourceDatabase src, String name) {
        return src.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
