package io.decant.postgres;

import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table decant created in this run is empty and nothing references it yet, so its keys are built
 * once after the rows instead of being maintained row by row: its primary-key and unique constraints
 * are dropped before the load and added back before the commit, in the same transaction, so that no
 * one ever sees the table without them and a duplicate key still rolls the whole table back.
 */
final class DeferredKeys {
    private final Connection connection;
    private final Table table;
    /** Name and definition ({@code pg_get_constraintdef}) of each constraint dropped for the load. */
    private final List<String[]> dropped = new ArrayList<>();

    DeferredKeys(Connection connection, Table table) {
        this.connection = connection;
        this.table = table;
    }

    /** Drops the table's primary-key and unique constraints, remembering their definitions. */
    void drop() throws SQLException {
        try (var ps = connection.prepareStatement("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = ?::regclass AND contype IN ('p', 'u') ORDER BY contype, conname")) {
            ps.setString(1, PgIdentifiers.table(table.id()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    dropped.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        try (var st = connection.createStatement()) {
            for (String[] k : dropped) {
                st.execute("ALTER TABLE " + PgIdentifiers.table(table.id()) + " DROP CONSTRAINT " + PgIdentifiers.quote(k[0]));
            }
        }
    }

    /**
     * Adds back what {@link #drop()} dropped, then the keys of the table's definition that are still
     * not there (see {@link #addMissing()}).
     */
    void restore() throws SQLException {
        try (var st = connection.createStatement()) {
            for (String[] k : dropped) {
                st.execute("ALTER TABLE " + PgIdentifiers.table(table.id()) + " ADD CONSTRAINT " + PgIdentifiers.quote(k[0]) + " " + k[1]);
            }
        }
        addMissing();
    }

    /**
     * A table loaded in chunks by a run that was cut short lost its keys in that run's first chunk
     * (they were dropped there, to be built after the last one): the run that continues it builds
     * them from the table's definition, as decant created it.
     */
    private void addMissing() throws SQLException {
        Set<String> present = new HashSet<>(); // "p", and "u:" + columns for each unique constraint
        try (var ps = connection.prepareStatement("SELECT c.contype::text, (SELECT string_agg(a.attname, ','"
                + " ORDER BY array_position(c.conkey, a.attnum)) FROM pg_attribute a WHERE a.attrelid = c.conrelid"
                + " AND a.attnum = ANY (c.conkey)) FROM pg_constraint c WHERE c.conrelid = ?::regclass"
                + " AND c.contype IN ('p', 'u')")) {
            ps.setString(1, PgIdentifiers.table(table.id()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1).equals("p") ? "p" : "u:" + rs.getString(2));
                }
            }
        }
        try (var st = connection.createStatement()) {
            String alter = "ALTER TABLE " + PgIdentifiers.table(table.id()) + " ADD ";
            if (!table.primaryKey().isEmpty() && !present.contains("p")) {
                st.execute(alter + "PRIMARY KEY (" + PgIdentifiers.columnList(table.primaryKey()) + ")");
            }
            for (Index i : table.indexes()) {
                if (i.unique() && i.constraint() && !present.contains("u:" + String.join(",", i.columns()))) {
                    st.execute(alter + PgDdl.uniqueConstraint(i));
                }
            }
        }
    }
}
