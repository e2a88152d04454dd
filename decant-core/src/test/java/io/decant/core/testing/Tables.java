package io.decant.core.testing;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.util.ArrayList;
import java.util.List;

/** Terse table definitions for tests. */
public final class Tables {
    private Tables() {
    }

    public static Table table(String name, List<Column> columns, String... refs) {
        List<ForeignKey> fks = new ArrayList<>();
        for (String ref : refs) {
            String[] p = ref.split("->");
            String[] parent = p[1].split("\\.");
            fks.add(new ForeignKey("fk_" + name + "_" + p[0], List.of(p[0]), TableId.of(parent[0]), List.of(parent[1])));
        }
        return new Table(TableId.of(name), columns, List.of(columns.get(0).name()), List.of(), fks, -1);
    }

    public static List<Object[]> rows(Object[]... rows) {
        return new ArrayList<>(List.of(rows));
    }
}
