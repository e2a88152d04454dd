package io.decant.sqlite;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.transform.Conversions;
import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT for one stream and the decoder of each column, fixed before the first row.
 *
 * <p>A column marked unsupported that is still asked for (the spec said {@code as_text}) is read as
 * {@code CAST(c AS TEXT)}: SQLite's own text form of each value, as the spec asked.
 */
record ReadPlan(String table, String sql, List<Item> items, List<String> keyNames, int[] keyPositions,
                int rowidPosition, List<String> select, List<String> casts, Bounds bounds) {

    /** The rowid bounds the statement's parameters give, in their order. */
    enum Bounds { NONE, AFTER, LOW, HIGH, LOW_HIGH }

    record Item(String name, String declared, ColumnDecoder decoder) {
    }

    static ReadPlan of(Table table, List<Column> columns, Conversions conversions) {
        return of(table, columns, conversions, null, "", Bounds.NONE);
    }

    /**
     * @param rowid      with {@code ordered}: the name under which this table's rowid is selected
     *                   ({@code _rowid_}, unless a column has that name)
     * @param afterRowid whether the statement takes one parameter, the rowid to continue after
     */
    static ReadPlan of(Table table, List<Column> columns, Conversions conversions, String rowid, boolean afterRowid) {
        return of(table, columns, conversions, rowid, afterRowid ? " WHERE " + rowid + " > ?" : "",
                afterRowid ? Bounds.AFTER : Bounds.NONE);
    }

    /**
     * The rows of {@code table} whose rowid lies in a range, for an engine's slice: the statement takes a parameter
     * for each bound given, low first.
     */
    static ReadPlan slice(Table table, List<Column> columns, Conversions conversions, String rowid, boolean low,
                          boolean high) {
        List<String> where = new ArrayList<>();
        if (low) {
            where.add(rowid + " >= ?");
        }
        if (high) {
            where.add(rowid + " < ?");
        }
        Bounds bounds = low && high ? Bounds.LOW_HIGH : low ? Bounds.LOW : high ? Bounds.HIGH : Bounds.NONE;
        return of(table, columns, conversions, rowid, where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where), bounds);
    }

    /**
     * @param bounds what the {@code where} clause's parameters are; {@link #select} names each selected item for
     *               {@link TablePages}: a column's name, null for the rowid, "" for a {@code CAST}; and
     *               {@link #casts} says, per selected item, the column a {@code CAST(c AS TEXT)} item reads (null
     *               for every other item)
     */
    private static ReadPlan of(Table table, List<Column> columns, Conversions conversions, String rowid, String where,
                               Bounds bounds) {
        List<Item> items = new ArrayList<>();
        List<String> select = new ArrayList<>();
        List<String> named = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        for (Column c : columns) {
            String declared = c.sourceType() == null ? "" : c.sourceType();
            boolean asText = !c.isSupported();
            select.add(asText ? "CAST(" + SqliteIdentifiers.quote(c.name()) + " AS TEXT)" : SqliteIdentifiers.quote(c.name()));
            named.add(asText ? "" : c.name());
            casts.add(asText ? c.name() : null);
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
                select.add(SqliteIdentifiers.quote(key));
                named.add(key);
                casts.add(null);
            }
            keyPositions[k] = at;
        }
        int rowidPosition = -1;
        if (rowid != null) {
            rowidPosition = select.size();
            select.add(rowid);
            named.add(null);
            casts.add(null);
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + SqliteIdentifiers.quote(table.id().name());
        if (rowid != null) {
            // The table's own b-tree order: an ordered read costs nothing more than a plain scan.
            sql += where + " ORDER BY " + rowid;
        }
        return new ReadPlan(table.id().name(), sql, List.copyOf(items), List.copyOf(keyNames), keyPositions, rowidPosition,
                java.util.Collections.unmodifiableList(named), java.util.Collections.unmodifiableList(casts), bounds);
    }
}
