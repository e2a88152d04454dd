package io.decant.core.schema;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A table as discovered in a database.
 *
 * @param rowEstimate the database's estimate or exact count, -1 when unknown
 */
public record Table(TableId id, List<Column> columns, List<String> primaryKey, List<Index> indexes,
                    List<ForeignKey> foreignKeys, long rowEstimate) {
    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public String name() {
        return id.name();
    }

    public Optional<Column> findColumn(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        // Databases fold unquoted names differently; a unique case-insensitive match is accepted.
        Column found = null;
        for (Column c : columns) {
            if (c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                if (found != null) {
                    return Optional.empty();
                }
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    public Column column(String name) {
        return findColumn(name).orElseThrow(() -> new DecantException(ErrorCode.UNKNOWN_COLUMN,
                ErrorContext.EMPTY.withTable(id.display()).withColumn(name),
                "no column " + name + " in table " + id.display() + "; it has " + columnNames()));
    }

    public int columnIndex(String name) {
        Column c = column(name);
        return columns.indexOf(c);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns that identify a row in messages and in verify: the primary key, else the first unique index. */
    public List<String> rowKey() {
        if (!primaryKey.isEmpty()) {
            return primaryKey;
        }
        return indexes.stream().filter(Index::keysRows).map(Index::columns).findFirst().orElse(List.of());
    }

    public Table withColumns(List<Column> newColumns) {
        return new Table(id, newColumns, primaryKey, indexes, foreignKeys, rowEstimate);
    }

    public Table withId(TableId newId) {
        return new Table(newId, columns, primaryKey, indexes, foreignKeys, rowEstimate);
    }

    public Table withRowEstimate(long estimate) {
        return new Table(id, columns, primaryKey, indexes, foreignKeys, estimate);
    }
}
