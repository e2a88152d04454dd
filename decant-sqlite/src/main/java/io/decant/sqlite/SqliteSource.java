package io.decant.sqlite;

import io.decant.core.convert.Conversions;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A SQLite file read without ever being written: every connection is opened read-only. */
final class SqliteSource extends SqliteEndpoint implements SourceDatabase {
    private final Conversions conversions = Conversions.utc();
    private List<Table> tables;

    SqliteSource(SqliteUrl url) {
        super(url, SqliteFiles.openReadOnly(url.file()));
    }

    @Override
    public synchronized List<Table> tables() {
        if (tables == null) {
            tables = discover();
        }
        return tables;
    }

    @Override
    public synchronized long countRows(Table table) {
        try {
            return SchemaReader.count(meta, table.id().name());
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("count").withTable(table.id().display()),
                    "counting the rows of " + table.id().display());
        }
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        ReadPlan plan = ReadPlan.of(table, columns, conversions);
        Connection c = SqliteFiles.openReadOnly(file());
        return new SqliteRowStream(plan, c);
    }

    @Override
    public String consistency() {
        return "per table: each table is read in its own read transaction on its own connection, so a process"
                + " writing to the file meanwhile can make tables disagree (a child row whose parent came later);"
                + " stop writers or copy the file first for one snapshot of all tables";
    }

    @Override
    protected List<String> extraNotes() {
        long fks = tables().stream().mapToLong(t -> t.foreignKeys().size()).sum();
        if (fks == 0) {
            return List.of();
        }
        return List.of(fks + " foreign keys declared; SQLite enforces them only when a connection turns"
                + " PRAGMA foreign_keys on (D1 did not always), so the data may hold orphans: plan with orphans: report");
    }
}
