package io.decant.files.folder;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.SchemaObject;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's entry in manifest.json: its schema as the source described it, and what was written.
 *
 * @param columns         the table's columns: those in the data files, in key order, and each computed column
 *                        (identity computed, its expression in its declared type) at its place among them, whose
 *                        values no file holds ({@link #fileColumns()})
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

    /**
     * The columns whose values the data files hold, in key order: all but the computed ones, which the target of an
     * import computes (or, where it cannot, leaves out) as migrate's target does.
     */
    public List<Column> fileColumns() {
        return columns.stream().filter(c -> c.identity() != Column.Identity.COMPUTED).toList();
    }

    /** The key in the manifest's {@code tables} object: {@code users}, or {@code auth.users}. */
    public String key() {
        return id.display();
    }

    /**
     * The table as a source or target of decant sees it: its indexes over columns. An index the source defined in
     * its own SQL is not among them but among {@link #objectsNotCreated()}, as a PostgreSQL source gives it, so that
     * an import builds it, or notes it, under the same conditions as migrate.
     */
    public Table toTable() {
        return new Table(id, columns, primaryKey, indexes.stream().filter(i -> i.definition() == null).toList(),
                foreignKeys, rowCount);
    }

    /**
     * The indexes recorded by their definition (partial, over expressions), each as the source's list of what
     * {@code --create-schema} does not create gives it: with the definition a target of the source's kind builds
     * ({@link SchemaObject#rebuilt()}), and the statement a note shows.
     */
    public List<SchemaObject> objectsNotCreated() {
        List<SchemaObject> out = new ArrayList<>();
        for (Index i : indexes) {
            if (i.definition() != null) {
                String statement = "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + (i.name() == null ? ""
                        : i.name() + " ") + "ON " + id.display() + " " + i.shown();
                // named as the source named it, so that an import's notes read as migrate's
                String label = i.definition().startsWith(ManifestSql.POSTGRESQL) ? ManifestSql.indexLabel(i.definition())
                        : "index";
                out.add(new SchemaObject(SchemaObject.Kind.INDEX, label, i.name(), statement, null, i));
            }
        }
        return out;
    }

    /** A table recorded before any row is written (createTables, or a sink opened on a new table). */
    /** rowCount of a table whose data has not been committed: the export is not finished. */
    static final long NOT_WRITTEN = -1;

    /**
     * A table recorded before its data: its rowCount is {@link #NOT_WRITTEN} until its sink commits,
     * so a folder left by an export that failed half-way (a full disk) can never pass for a good,
     * empty export.
     */
    static ManifestTable declared(Table t, boolean containsSecrets) {
        return new ManifestTable(t.id(), t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), NOT_WRITTEN, List.of(),
                null, containsSecrets);
    }

    boolean written() {
        return rowCount != NOT_WRITTEN;
    }

    ManifestTable written(List<Column> writtenColumns, long rows, List<ManifestFile> newFiles, String newChecksum,
                          boolean secrets) {
        return new ManifestTable(id, writtenColumns, primaryKey, indexes, foreignKeys, rows, newFiles, newChecksum, secrets);
    }

    /**
     * The columns a table's entry records: {@code written}, the columns of its data files, with each computed column
     * of {@code table} (the table the export's plan created) at its place, after the columns that precede it there.
     */
    static List<Column> recorded(Table table, List<Column> written) {
        List<Column> out = new ArrayList<>(written);
        List<Column> all = table.columns();
        for (int i = 0; i < all.size(); i++) {
            Column c = all.get(i);
            if (c.identity() != Column.Identity.COMPUTED || out.stream().anyMatch(x -> x.name().equals(c.name()))) {
                continue;
            }
            int at = 0;
            for (Column before : all.subList(0, i)) {
                at += out.stream().anyMatch(x -> x.name().equals(before.name())) ? 1 : 0;
            }
            out.add(at, c);
        }
        return out;
    }
}
