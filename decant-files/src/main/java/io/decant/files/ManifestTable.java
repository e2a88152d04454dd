package io.decant.files;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.util.List;

/**
 * A table's entry in manifest.json: its schema as the source described it, and what was written.
 *
 * @param columns         the columns in the data files, in key order
 * @param checksum        the {@link io.decant.core.checksum.TableChecksum} hex of the rows as written,
 *                        or {@code null} when the export skipped it
 * @param containsSecrets whether a column looks like a credential (password hash, token); such
 *                        values never appear in messages
 */
public record ManifestTable(TableId id, List<Column> columns, List<String> primaryKey, List<Index> indexes,
                            List<ForeignKey> foreignKeys, long rowCount, List<ManifestFile> files, String checksum,
                            boolean containsSecrets) {
    public ManifestTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        files = List.copyOf(files);
    }

    /** The key in the manifest's {@code tables} object: {@code users}, or {@code auth.users}. */
    public String key() {
        return id.display();
    }

    public Table toTable() {
        return new Table(id, columns, primaryKey, indexes, foreignKeys, rowCount);
    }

    /** A table recorded before any row is written (createTables, or a sink opened on a new table). */
    static ManifestTable declared(Table t, boolean containsSecrets) {
        return new ManifestTable(t.id(), t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), 0, List.of(), null,
                containsSecrets);
    }

    ManifestTable written(List<Column> writtenColumns, long rows, List<ManifestFile> newFiles, String newChecksum,
                          boolean secrets) {
        return new ManifestTable(id, writtenColumns, primaryKey, indexes, foreignKeys, rows, newFiles, newChecksum, secrets);
    }
}
