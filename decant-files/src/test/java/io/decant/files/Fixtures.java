package io.decant.files;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writing and reading folders in tests, the way the engine drives a target and a source. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-03-01T09:30:15.123456Z");
    public static final FilesDialect DIALECT = new FilesDialect(Clock.fixed(NOW, ZoneOffset.UTC));

    private Fixtures() {
    }

    public static Table table(String name, Column... columns) {
        return new Table(TableId.of(name), List.of(columns), List.of(), List.of(), List.of(), -1);
    }

    public static OpenOptions settings(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new OpenOptions(List.of(), m);
    }

    public static void export(String url, Table t, List<Object[]> rows, OpenOptions options) {
        try (TargetDatabase target = DIALECT.openTarget(url, options)) {
            // As a run opens it: a computed column's values are never written.
            List<Column> written = t.columns().stream().filter(c -> c.identity() != Column.Identity.COMPUTED).toList();
            try (TableSink sink = target.openSink(t, written, SinkOptions.DEFAULT)) {
                rows.forEach(sink::write);
                sink.commit();
            }
        }
    }

    public static void export(Path dir, Table t, List<Object[]> rows) {
        export("dir:" + dir, t, rows, settings("source", "postgres://app@db.example.com:5432/app"));
    }

    public static List<Object[]> readAll(String url, String table) {
        try (SourceDatabase source = DIALECT.openSource(url, OpenOptions.DEFAULT)) {
            Table t = source.tables().stream().filter(x -> x.id().display().equals(table)).findFirst().orElseThrow();
            return readAll(source, t);
        }
    }

    public static List<Object[]> readAll(SourceDatabase source, Table t) {
        List<Object[]> out = new ArrayList<>();
        try (RowStream rows = source.read(t, t.columns())) {
            Object[] row;
            while ((row = rows.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }
}
