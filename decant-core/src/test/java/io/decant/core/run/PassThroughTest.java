package io.decant.core.run;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import static io.decant.core.testing.Tables.rows;
import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.plan.Planner;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.EncodedRowStream;
import io.decant.core.spi.EncodedRows;
import io.decant.core.spi.RowEncoding;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which tables the engine passes through as encoded rows: those whose plan copies every column as it
 * is, into a sink that takes a form the source can produce for exactly those columns. Every other
 * table is read as values, and either way the same rows arrive.
 */
class PassThroughTest {
    private static final Table NOTES = table("notes", List.of(Column.of("id", LogicalType.INT64),
            Column.of("body", LogicalType.TEXT), Column.of("views", LogicalType.INT64)));

    /** A source that can also hand out rows in {@link RecordingTarget#LINES} form, and records when it does. */
    static final class LineSource extends MemorySource {
        final List<String> calls = new ArrayList<>();
        boolean refuse;

        @Override
        public EncodedRowStream readEncoded(Table table, List<Column> columns, RowEncoding encoding, boolean inOrder,
                                            String after) {
            List<String> types = columns.stream().map(c -> c.type().toString()).toList();
            if (refuse || !encoding.equals(new RowEncoding(RecordingTarget.LINES, types))) {
                calls.add("declined " + table.id().display());
                return null;
            }
            calls.add("encoded " + table.id().display() + " " + columns.stream().map(Column::name).toList());
            var values = read(table, columns);
            return new EncodedRowStream() {
                long rows;

                @Override
                public EncodedRows next(int maxRows) {
                    StringBuilder sb = new StringBuilder();
                    int n = 0;
                    Object[] row;
                    while (n < maxRows && (row = values.next()) != null) {
                        for (int i = 0; i < row.length; i++) {
                            sb.append(i == 0 ? "" : "\u0001").append(row[i] == null ? "\u0000" : row[i].toString());
                        }
                        sb.append('\n');
                        n++;
                    }
                    rows += n;
                    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                    return n == 0 ? null : new EncodedRows(b, b.length, n);
                }

                @Override
                public long rowsRead() {
                    return rows;
                }

                @Override
                public void close() {
                    values.close();
                }
            };
        }
    }

    private static List<Object[]> notes(int n) {
        List<Object[]> out = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            out.add(new Object[] {i, i % 3 == 0 ? null : "note ✓ " + i, i % 5 == 0 ? null : i * 10});
        }
        return out;
    }

    private static MigrationResult migrate(MemorySource src, RecordingTarget dst) {
        return migrate(src, dst, MigrationOptions.defaults());
    }

    private static MigrationResult migrate(MemorySource src, RecordingTarget dst, MigrationOptions opts) {
        return new Migrator(opts, ProgressListener.NONE).run(new Planner(opts).plan(src, dst), src, dst);
    }

    private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "row " + (i + 1));
        }
    }

    @Test
    void aTableCopiedAsItIsPassesThroughInBatches() {
        LineSource src = new LineSource();
        src.add(NOTES, notes(2500));
        RecordingTarget dst = new RecordingTarget().add(NOTES).takesEncoded();
        MigrationResult r = migrate(src, dst);
        assertTrue(r.ok());
        assertEquals(2500, r.tables().get(0).rows());
        assertEquals(List.of("encoded notes [id, body, views]"), src.calls);
        assertTrue(dst.events.stream().anyMatch(e -> e.startsWith("encoded notes ")), dst.events.toString());
        assertSameRows(notes(2500), dst.rows("notes"));
    }

    @Test
    void aConvertedColumnReadsTheTableAsValues() {
        LineSource src = new LineSource();
        src.add(NOTES, notes(10));
        Table widened = table("notes", List.of(Column.of("id", LogicalType.INT64), Column.of("body", LogicalType.TEXT),
                Column.of("views", LogicalType.decimal(20, 0))));
        RecordingTarget dst = new RecordingTarget().add(widened).takesEncoded();
        assertTrue(migrate(src, dst).ok());
        assertEquals(List.of(), src.calls, "not even asked: the plan converts views");
        assertEquals(10, dst.rows("notes").size());
        assertTrue(dst.events.stream().noneMatch(e -> e.startsWith("encoded")), dst.events.toString());
    }

    @Test
    void aSourceThatCannotProduceTheFormIsReadAsValues() {
        LineSource src = new LineSource();
        src.refuse = true;
        src.add(NOTES, notes(1500));
        RecordingTarget dst = new RecordingTarget().add(NOTES).takesEncoded();
        assertTrue(migrate(src, dst).ok());
        assertEquals(List.of("declined notes"), src.calls);
        assertSameRows(notes(1500), dst.rows("notes"));
    }

    @Test
    void passingThroughCanBeTurnedOff() {
        LineSource src = new LineSource();
        src.add(NOTES, notes(5));
        RecordingTarget dst = new RecordingTarget().add(NOTES).takesEncoded();
        assertTrue(migrate(src, dst, MigrationOptions.builder().passThrough(false).build()).ok());
        assertEquals(List.of(), src.calls);
        assertSameRows(notes(5), dst.rows("notes"));
    }
}
