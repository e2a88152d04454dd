package io.decant.sqlite;

import io.decant.core.convert.Conversions;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT for one stream and the decoder of each column, fixed before the first row.
 *
 * <p>A column marked unsupported that is still asked for (the spec said {@code as_text}) is read as
 * {@code CAST(c AS TEXT)}: SQLite's own text form of each value, as the spec asked.
 */
record ReadPlan(String table, String sql, List<Item> items, List<String> keyNames, int[] keyPositions) {

    record Item(String name, String declared, ColumnDecoder decoder) {
    }

    static ReadPlan of(Table table, List<Column> columns, Conversions conversions) {
        List<Item> items = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (Column c : columns) {
            String declared = c.sourceType() == null ? "" : c.sourceType();
            boolean asText = !c.isSupported();
            select.add(asText ? "CAST(" + Sql.quote(c.name()) + " AS TEXT)" : Sql.quote(c.name()));
            items.add(new Item(c.name(), declared, new ColumnDecoder(declared, c.type(), conversions)));
        }
        List<String> keyNames = table.rowKey();
        int[] keyPositions = new int[keyNames.size()];
        for (int k = 0; k < keyNames.size(); k++) {
            String key = keyNames.get(k);
            int at = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(key) && columns.get(i).isSupported()) {
                    at = i;
                }
            }
            if (at < 0) {
                at = select.size();
                select.add(Sql.quote(key));
            }
            keyPositions[k] = at;
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + Sql.quote(table.id().name());
        return new ReadPlan(table.id().name(), sql, List.copyOf(items), List.copyOf(keyNames), keyPositions);
    }
}
