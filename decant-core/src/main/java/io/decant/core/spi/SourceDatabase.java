package io.decant.core.spi;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.List;

/** A database or folder that rows are read from. */
public interface SourceDatabase extends Endpoint {
    /** The exact number of rows of {@code table}. */
    long countRows(Table table);

    /**
     * Streams the rows of {@code table}. Each row holds, in the order of {@code columns}, values in
     * the Java representation of each column's logical type ({@link io.decant.core.type.Kind}),
     * or {@code null}. The conversion for each column is fixed when the stream is opened.
     * A value that cannot be represented is a {@link io.decant.core.error.DecantException} naming
     * table, row and column.
     */
    RowStream read(Table table, List<Column> columns);

    /**
     * How a read of {@code table} can continue part-way, for a table loaded in chunks: in which order
     * {@link #readFrom} returns rows (for plan: "by rowid", "by primary key id"), or null when it
     * cannot (then the table is loaded in one transaction and a crash restarts it from its first row).
     */
    default String resumeOrder(Table table) {
        return null;
    }

    /**
     * Streams the rows of {@code table} in {@link #resumeOrder} order, starting after {@code after}
     * (a {@link RowStream#position()} token of an earlier stream of the same table, or null for the
     * first row). A token this source cannot honour any more (the source changed so that positions
     * no longer mean the same rows) is an error, never a silent restart.
     */
    default RowStream readFrom(Table table, List<Column> columns, String after) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read part of a table");
    }

    /**
     * Streams the rows of {@code table} already in {@code encoding}, the wire form a sink takes, for a
     * plan that copies every column as it is: {@code columns} are the sink's columns, in its order.
     * Returns null when this source cannot produce exactly that form for these columns (other types,
     * another server version); the rows are then read as values. With {@code inOrder} the stream reads
     * in {@link #resumeOrder} order after {@code after}, as {@link #readFrom} does.
     */
    default EncodedRowStream readEncoded(Table table, List<Column> columns, RowEncoding encoding, boolean inOrder,
                                         String after) {
        return null;
    }

    /**
     * Whether every stream {@link #read} returns is a {@link CanonicalRowStream} that verify should hash, as
     * a source, on the reading thread without values; asked before a stream is opened, so that no read is
     * started only to be given up. A source whose streams can but whose reading thread has no time to spare
     * answers false, and verify maps and hashes its rows on worker threads.
     */
    default boolean readsCanonical() {
        return false;
    }

    /**
     * The keys of {@code table} that the database itself keeps unique on every row it holds: a primary
     * key or a unique constraint or index over exactly these plain columns, valid, not partial. For each,
     * its column names and the name of the constraint or index, which a report cites as the proof. Two
     * rows the database lets through under such a key differ in it for verify too (the database's
     * equality is as strict as the canonical values' or stricter), so verify's duplicates check of such
     * a key has nothing to find and keeps nothing per row. Empty where nothing is enforced (a folder).
     */
    default java.util.Map<List<String>, String> enforcedUniqueKeys(Table table) {
        return java.util.Map.of();
    }

    /**
     * Whether a column this database declares NOT NULL holds no NULL, because the database refuses one on
     * every write (PostgreSQL, MySQL, SQLite), so verify's NULL check of such a column has nothing to find
     * and reads nothing per row; its report cites the constraint. False where nothing is enforced (a folder).
     */
    default boolean enforcesNotNull() {
        return false;
    }

    /**
     * What {@code plan} should say about the values of {@code table} that the schema alone does not
     * show, each note naming its way out: for example SQLite rows with NULL in a primary key column.
     */
    default List<String> valueNotes(Table table) {
        return List.of();
    }

    /**
     * The objects of {@code table} that {@code --create-schema} does not create on the target (partial
     * and expression indexes, CHECK constraints, triggers), each with the source's definition where it
     * has one, so that {@code plan} lists them. Empty where the source has none or cannot say.
     */
    default List<io.decant.core.schema.SchemaObject> objectsNotCreated(Table table) {
        return List.of();
    }

    /**
     * The views (and materialized views) of the source, which decant does not read or create, each
     * as "name (kind)", for one note in {@code plan}.
     */
    default List<String> views() {
        return List.of();
    }

    /** What consistency a multi-table read gives, for {@code plan}: e.g. "one snapshot for all tables". */
    default String consistency() {
        return "none: tables are read one after another without a common snapshot";
    }

    /**
     * Before a run reads or writes anything: a source kept in files proves that the files of the
     * selected tables are whole (an export folder: present and of the size its manifest records, and
     * with {@code full} their SHA-256 and row count too), and throws {@code FILE_CORRUPT} naming the
     * first that is not, so that a cut-off file stops a run before its first table. It tells what it
     * checked through {@code messages}. Sources that are not files have nothing to check.
     *
     * @param selected whether a table, by its manifest key or name, is one the run works on
     */
    default void checkFiles(java.util.function.Predicate<String> selected, boolean full,
                            java.util.function.Consumer<String> messages) {
    }

    /**
     * For an engine whose tasks read one table in several processes (decant on Spark): exports a snapshot
     * that this source holds open until it is closed, and returns its id for {@link #readSlice}; null when
     * this source cannot share one snapshot across connections (then slices read whatever is there).
     */
    default String exportSnapshot() {
        return null;
    }

    /**
     * For an engine that splits tables into slices: what {@link #readSlice} bounds the slices of {@code table} by.
     * {@code candidate} is the engine's choice, a one-column primary key whose text form reads back exactly, or
     * null. Returns the name of the column (or of a pseudo-column of this source's, such as SQLite's rowid) whose
     * values {@link #sliceStats} samples and slice bounds compare in the same order; {@code ""} for ranges of
     * storage blocks ({@link SliceStats#blocks}); or null when this source reads the table whole, in one slice.
     */
    default String sliceKey(Table table, Column candidate) {
        return candidate != null ? candidate.name() : "";
    }

    /**
     * Sizes {@code table} for splitting: its rows, its blocks and, when {@code keyColumn} is not null, a sample
     * of about {@code sampleRows} of that column's values, ascending; read inside {@code snapshot} when not
     * null. Null when this source cannot split tables.
     */
    default SliceStats sliceStats(Table table, String keyColumn, int sampleRows, String snapshot) {
        return null;
    }

    /**
     * Streams the rows of {@code table} in {@code slice} (any order), inside the exported {@code snapshot}
     * when not null, as {@link #read} does for the whole table.
     */
    default RowStream readSlice(Table table, List<Column> columns, TableSlice slice, String snapshot) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read a slice of a table");
    }
}
