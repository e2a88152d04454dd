package io.decant.postgres;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.testkit.PgServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helpers: databases opened through ServiceLoader, as the CLI opens them. */
final class Pg {
    private Pg() {
    }

    static PgServer.TestDb db(String prefix) {
        return PgServer.get().createDatabase(prefix);
    }

    static SourceDatabase source(PgServer.TestDb db, String... schemas) {
        return Dialects.installed().openSource(db.url(), new OpenOptions(List.of(schemas), Map.of()));
    }

    /** Every row of {@code t} as the text-form reader ({@link CursorReader}) reads it, in one transaction of its own. */
    static List<Object[]> readAllByCursor(PgServer.TestDb db, Table t) {
        List<Object[]> rows = new ArrayList<>();
        try (RowStream s = new CursorReader(new PgConnector(PgUrl.parse(db.url())), t, t.columns(), null, Set.of())) {
            for (Object[] r = s.next(); r != null; r = s.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    static TargetDatabase target(PgServer.TestDb db, String... schemas) {
        return Dialects.installed().openTarget(db.url(), new OpenOptions(List.of(schemas), Map.of()));
    }

    static Table table(List<Table> tables, String schema, String name) {
        TableId id = new TableId(schema, name);
        return tables.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + id + " in " + tables.stream().map(Table::id).toList()));
    }

    static Table table(SourceDatabase db, String name) {
        return table(db.tables(), null, name);
    }

    static List<Object[]> readAll(SourceDatabase db, Table t) {
        return readAll(db, t, t.columns());
    }

    static List<Object[]> readAll(SourceDatabase db, Table t, List<Column> columns) {
        List<Object[]> rows = new ArrayList<>();
        try (RowStream s = db.read(t, columns)) {
            for (Object[] r = s.next(); r != null; r = s.next()) {
                rows.add(r);
            }
        }
        return rows;
    }
}
