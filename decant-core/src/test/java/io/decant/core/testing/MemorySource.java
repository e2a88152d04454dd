package io.decant.core.testing;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A source held in memory: tables and their rows, as a dialect would hand them out. Open for test-local builders. */
public class MemorySource implements SourceDatabase {
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();

    public MemorySource add(Table table, List<Object[]> tableRows) {
        tables.put(table.id().display(), table);
        rows.put(table.id().display(), tableRows);
        return this;
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
        return rows.get(table.id().display()).size();
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        List<Object[]> all = rows.get(table.id().display());
        int[] idx = columns.stream().mapToInt(c -> table.columnIndex(c.name())).toArray();
        return new RowStream() {
            int next;

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
