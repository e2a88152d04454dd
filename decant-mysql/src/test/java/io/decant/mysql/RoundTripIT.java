package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every logical type MySQL has, with edge values, read from one database and written into another. */
class RoundTripIT {
    private static final String COLUMNS = "id INT PRIMARY KEY, b BOOL, t8 TINYINT, t16 SMALLINT, m MEDIUMINT, i32 INT,"
            + " i64 BIGINT, u32 INT UNSIGNED, u64 BIGINT UNSIGNED, d DECIMAL(38,10), f FLOAT, dbl DOUBLE,"
            + " vc VARCHAR(50), txt TEXT, bin VARBINARY(20), blb BLOB, j JSON, dt DATE, tm TIME(6), dtm DATETIME(6),"
            + " ts TIMESTAMP(6) NULL, y YEAR, e ENUM('a','b'), bit1 BIT(1), u UUID";

    static List<Object[]> readAll(SourceDatabase db, Table t) {
        List<Object[]> rows = new ArrayList<>();
        try (RowStream s = db.read(t, t.columns())) {
            for (Object[] r = s.next(); r != null; r = s.next()) {
                rows.add(r);
            }
            assertEquals(rows.size(), s.rowsRead());
        }
        rows.sort(Comparator.comparing(r -> (Integer) r[0]));
        return rows;
    }

    /** What the engine does: create the target from the source schema in the target's stored types, then load. */
    static Table copy(SourceDatabase from, Table t, TargetDatabase to) {
        List<Column> cols = t.columns().stream().map(c -> c.withType(to.storedType(c.type()))).toList();
        Table target = t.withColumns(cols);
        to.createTables(List.of(target));
        try (TableSink sink = to.openSink(target, cols, SinkOptions.DEFAULT)) {
            for (Object[] row : readAll(from, t)) {
                sink.write(row);
            }
            sink.commit();
        }
        to.afterLoad(target);
        to.createIndexesAndForeignKeys(List.of(target));
        return target;
    }

    @Test
    void everyTypeSurvivesWithEdgeValues() {
        TestDb src = TestDb.create("rt_src");
        TestDb dst = TestDb.create("rt_dst");
        src.exec("CREATE TABLE edge (" + COLUMNS + ") CHARACTER SET utf8mb4",
                "SET NAMES utf8mb4",
                "INSERT INTO edge VALUES (1, 0, -128, -32768, -8388608, -2147483648, -9223372036854775808, 0, 0,"
                        + " -9999999999999999999999999999.9999999999, -0.25, -1.7976931348623157E308, '', '', 0x00, 0x00FF00,"
                        + " '{\"k\":\"\u00e9\uD83D\uDE00\"}', '1000-01-01', '00:00:00', '1000-01-01 00:00:00',"
                        + " '1970-01-01 00:00:01', 1901, 'a', b'0', '00000000-0000-0000-0000-000000000000')",
                "INSERT INTO edge VALUES (2, 1, 127, 32767, 8388607, 2147483647, 9223372036854775807, 4294967295,"
                        + " 18446744073709551615, 9999999999999999999999999999.9999999999, 3.4e38, 1.7976931348623157E308,"
                        + " 'emoji \uD83D\uDE00 \u00f1', CONCAT('a', CHAR(0), 'b'), 0x000102, REPEAT(0x00FE, 500),"
                        + " '[1,\"\u00fc\",{\"a\":null}]', '9999-12-31', '23:59:59.999999', '9999-12-31 23:59:59.999999',"
                        + " '2038-01-19 03:14:07.999999', 2155, 'b', b'1', '123e4567-e89b-12d3-a456-426614174000')",
                "INSERT INTO edge (id) VALUES (3)",
                "INSERT INTO edge (id, dbl, f, d, dtm, ts, tm) VALUES (4, 0.1, 0.1, 0.0000000001,"
                        + " '2024-03-10 02:30:00.000001', '2024-06-01 12:00:00.123456', '12:34:56.5')");
        try (SourceDatabase from = new MysqlDialect().openSource(src.url(), OpenOptions.DEFAULT);
             TargetDatabase to = new MysqlDialect().openTarget(dst.url(), OpenOptions.DEFAULT)) {
            Table t = from.tables().get(0);
            List<Object[]> before = readAll(from, t);
            checkSourceValues(before);
            copy(from, t, to);
            SourceDatabase back = (SourceDatabase) to;
            Table reread = back.tables().get(0);
            assertEquals(t.columns().stream().map(c -> c.type().toString()).toList().subList(0, 22),
                    reread.columns().stream().map(c -> c.type().toString()).toList().subList(0, 22));
            assertEquals(LogicalType.TIMESTAMPTZ, reread.column("ts").type(), "instants come back as instants");
            List<Object[]> after = readAll(back, reread);
            assertEquals(before.size(), after.size());
            for (int r = 0; r < before.size(); r++) {
                assertArrayEquals(before.get(r), after.get(r), "row " + (r + 1));
            }
        }
    }

    private static void checkSourceValues(List<Object[]> rows) {
        Object[] min = rows.get(0);
        Object[] max = rows.get(1);
        Object[] nulls = rows.get(2);
        Object[] micro = rows.get(3);
        assertEquals(false, min[1]);
        assertEquals((short) -128, min[2]);
        assertEquals(Long.MIN_VALUE, min[6]);
        assertEquals(new BigDecimal("-9999999999999999999999999999.9999999999"), min[9]);
        assertEquals("", min[12], "empty text is not NULL");
        assertEquals(Bytes.wrap(new byte[] {0}), min[14]);
        assertEquals(JsonText.parse("{\"k\":\"\u00e9\uD83D\uDE00\"}").text(), ((JsonText) min[16]).text());
        assertEquals(LocalDate.of(1000, 1, 1), min[17]);
        assertEquals(LocalDateTime.of(1000, 1, 1, 0, 0), min[19]);
        assertEquals(Instant.parse("1970-01-01T00:00:01Z"), min[20]);
        assertEquals((short) 1901, min[21]);
        assertEquals(Boolean.FALSE, min[23]);
        assertEquals(new UUID(0, 0), min[24]);

        assertEquals(4294967295L, max[7]);
        assertEquals(new BigDecimal("18446744073709551615"), max[8]);
        assertEquals(Double.MAX_VALUE, max[11]);
        assertEquals("emoji \uD83D\uDE00 \u00f1", max[12]);
        assertEquals("a\u0000b", max[13]);
        assertEquals(1000, ((Bytes) max[15]).length());
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000), max[18]);
        assertEquals(Instant.parse("2038-01-19T03:14:07.999999Z"), max[20]);
        assertEquals(Boolean.TRUE, max[23]);
        assertEquals("b", max[22]);

        for (int i = 1; i < nulls.length; i++) {
            assertNull(nulls[i], "column " + i);
        }
        assertEquals(0.1, micro[11]);
        assertEquals(0.1f, micro[10]);
        assertEquals(new BigDecimal("0.0000000001"), micro[9]);
        assertEquals(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1000), micro[19], "no DST shift in a hostile JVM zone");
        assertEquals(Instant.parse("2024-06-01T12:00:00.123456Z"), micro[20]);
        assertEquals(LocalTime.of(12, 34, 56, 500_000_000), micro[18]);
        assertTrue(((BigDecimal) micro[9]).scale() == 10, "decimals keep their scale");
    }
}
