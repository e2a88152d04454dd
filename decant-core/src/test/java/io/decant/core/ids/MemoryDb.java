package io.decant.core.ids;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A source held in memory, for the id tests: tables, their rows, and how often each was read. */
final class MemoryDb implements SourceDatabase {
    private final Map<TableId, Table> tables = new LinkedHashMap<>();
    private final Map<TableId, List<Object[]>> rows = new LinkedHashMap<>();

    MemoryDb add(Table t, List<Object[]> tableRows) {
        tables.put(t.id(), t);
        rows.put(t.id(), new ArrayList<>(tableRows));
        return this;
    }

    /** {@code users(id text pk, email text)} and the like: columns as name/type pairs, the first being the key. */
    MemoryDb table(String name, List<Object[]> tableRows, Object... nameTypePairs) {
        return add(schema(name, List.of(), nameTypePairs), tableRows);
    }

    static Table schema(String name, List<ForeignKey> fks, Object... nameTypePairs) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            cols.add(Column.of((String) nameTypePairs[i], (LogicalType) nameTypePairs[i + 1]));
        }
        return new Table(TableId.of(name), cols, List.of(cols.get(0).name()), List.of(), fks, -1);
    }

    static Object[] row(Object... values) {
        return values;
    }

    @Override
    public String displayUrl() {
        return "memory:";
    }

    @Override
    public String serverVersion() {
        return "memory";
    }

    @Override
    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    @Override
    public long countRows(Table table) {
        return rows.get(table.id()).size();
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        List<Object[]> all = rows.get(table.id());
        int[] idx = columns.stream().mapToInt(c -> table.columnIndex(c.name())).toArray();
        return new RowStream() {
            private int next;

            @Override
            public Object[] next() {
                if (next >= all.size()) {
                    return null;
                }
                Object[] src = all.get(next++);
                Object[] out = new Object[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    out[i] = src[idx[i]];
                }
                return out;
            }

            @Override
            public long rowsRead() {
                return next;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
