package io.decant.core.ids;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.testing.MemorySource;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;

/** Core's in-memory source with terse table builders for the id tests. */
final class MemoryDb extends MemorySource {
    @Override
    public MemoryDb add(Table t, List<Object[]> tableRows) {
        super.add(t, new ArrayList<>(tableRows));
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
}
