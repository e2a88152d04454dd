package io.decant.core.spi;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import java.util.List;

/** A database or folder that rows are written to. */
public interface TargetDatabase extends Endpoint, io.decant.core.plan.TargetView {
    /** The table id this target would give a table named {@code name} (its default schema, its case folding). */
    TableId resolve(String name);

    /**
     * The table id for a table named {@code name} that comes from source schema {@code sourceSchema}
     * (null for the source's default schema). Targets with schemas keep a non-default one, so that
     * Supabase's {@code auth.users} does not become {@code users}; others ignore it.
     */
    default TableId resolve(String sourceSchema, String name) {
        return resolve(name);
    }

    /**
     * The longest identifier (table, column, index or constraint name) this target keeps, measured by
     * {@link #identifierLength}; {@link Integer#MAX_VALUE} when it sets no limit. Plan refuses longer
     * names of tables and columns it creates, and cuts the index and constraint names it makes.
     */
    default int maxIdentifierLength() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether a foreign key this target creates may join columns of different types (SQLite: any); otherwise plan
     * refuses one between an integer and a text column, say, which CREATE or ALTER TABLE would refuse after the rows.
     */
    default boolean joinsAnyTypes() {
        return false;
    }

    /** Whether this target takes two table names that differ only in case for the same table (SQLite). */
    default boolean tableNamesIgnoreCase() {
        return false;
    }

    /** Whether this target takes two column names that differ only in case for the same column (SQLite, MySQL). */
    default boolean columnNamesIgnoreCase() {
        return false;
    }

    /** The length of {@code name} as this target measures it against {@link #maxIdentifierLength()}: UTF-8 bytes by default. */
    default int identifierLength(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * The write mapping of an existing table, checked by plan: for each of {@code columns} (the
     * target's own columns, typed as plan will hand values to the sink) that this target's sink could
     * not write, the reason, by column name. Plan refuses them all before the first row, so that a
     * sink never finds a mismatch when it opens (it still checks, as an assertion).
     */
    default java.util.Map<String, String> unwritable(Table table, List<Column> columns) {
        return java.util.Map.of();
    }

    /**
     * The length this target gives a text or bytes column it creates in a primary key, a unique key
     * or a foreign key (either end) when the column is unbounded or longer than a key can hold
     * ({@link #maxKeyTextLength()} characters, {@link #maxKeyBytes()} bytes); 0 when keys take
     * values of any length (PostgreSQL, SQLite). MySQL indexes no unbounded TEXT or BLOB and joins a
     * foreign key only between columns of one type, so plan bounds such a column and every column
     * joined to it by a foreign key to the same length, raised to the longest value the source holds.
     */
    default int keyTextLength() {
        return 0;
    }

    /** The longest text (in characters) a key column this target creates can hold; see {@link #keyTextLength()}. */
    default int maxKeyTextLength() {
        return Integer.MAX_VALUE;
    }

    /** The native type decant would create for {@code type}, for plans: {@code numeric(10,2)}. */
    String nativeType(LogicalType type);

    /**
     * The column type this target creates for a source column of {@link io.decant.core.schema.Column#nativeType}
     * {@code nativeType} (a type decant does not model, moved as the database's text), or null when this
     * target has no such type (PostgreSQL to PostgreSQL: the same type, {@code tsvector}).
     */
    default String nativeColumnType(String nativeType) {
        return null;
    }

    /** Whether this target creates text columns with a collation of their own ({@link #createdCollation}). */
    default boolean createsCollations() {
        return false;
    }

    /**
     * The collation, in this database's name ({@code C}), of a created text column that must compare as the source
     * column's {@link io.decant.core.schema.Column#collation()} does, or {@code null} when this database cannot say
     * it (the column then gets the database default, and the plan notes it).
     */
    default String createdCollation(String sourceCollation) {
        return null;
    }

    /**
     * Whether a column decant models is still created with the source's own {@code nativeType} when its
     * values move unchanged, because this target's type for the logical one would compare them otherwise
     * (PostgreSQL to PostgreSQL: {@code character(2)}, whose trailing blanks do not count, would become
     * {@code varchar(2)}, where they do).
     */
    default boolean keepsDeclaredType(String nativeType) {
        return false;
    }

    /**
     * A check this target's sink makes on each value it writes into a column declared {@code nativeType}
     * that holds {@code type}: a conversion from {@code type} to itself that refuses a value and never
     * changes one (SQLite: a decimal a NUMERIC column's double would not give back), or null. Plan adds it
     * to the column's conversion so that {@code plan --sample} finds such values before the first row.
     */
    default io.decant.core.transform.Conversion writeCheck(LogicalType type, String nativeType) {
        return null;
    }

    /** The logical type this target stores {@code type} as when it creates the column (e.g. SQLite: decimal as text). */
    default LogicalType storedType(LogicalType type) {
        return type;
    }

    /**
     * Creates {@code tables} with their columns, primary keys and unique constraints; indexes and
     * foreign keys come later from {@link #createIndexesAndForeignKeys}, after the data.
     */
    void createTables(List<Table> tables);

    /**
     * The statements {@link #createTables} and then {@link #createIndexesAndForeignKeys} would run for
     * {@code tables}, in order, for {@code plan --sql}; nothing is run. Empty when this target has no DDL
     * to show (a folder).
     */
    default List<String> ddl(List<Table> tables) {
        return List.of();
    }

    void createIndexesAndForeignKeys(List<Table> tables);

    /** Seconds one statement of the after-data step took, by table, for the run's phase timings. */
    interface AfterDataTimes {
        void took(io.decant.core.schema.TableId table, boolean foreignKey, double seconds);
    }

    /**
     * {@link #createIndexesAndForeignKeys(List)}, reporting each statement's seconds to {@code times} when
     * the target can tell them apart (by default it reports nothing).
     */
    default void createIndexesAndForeignKeys(List<Table> tables, AfterDataTimes times) {
        createIndexesAndForeignKeys(tables);
    }

    /**
     * Whether {@link #createIndex} may run for several indexes at once, each on its own connection and
     * committed on its own, while other tables load: then a run with more than one job builds a created
     * table's indexes as soon as its rows are committed.
     */
    default boolean buildsIndexesAtOnce() {
        return false;
    }

    /** Creates one index of a created, loaded table, committed on its own (see {@link #buildsIndexesAtOnce}). */
    default void createIndex(Table table, io.decant.core.schema.Index index) {
        throw new UnsupportedOperationException("this target builds its indexes in one step");
    }

    /** Drops an index {@link #createIndex} built, when the run fails before the step after the data is whole. */
    default void dropIndex(Table table, io.decant.core.schema.Index index) {
        throw new UnsupportedOperationException("this target builds its indexes in one step");
    }

    /** Empties {@code tables}, given children first, in one transaction. */
    void truncate(List<Table> tables);

    /**
     * Opens a sink for one table. Nothing is visible to others until {@link TableSink#commit()};
     * {@link TableSink#abort()} leaves the table as it was before the sink was opened.
     */
    TableSink openSink(Table table, List<Column> columns, SinkOptions options);

    /** The target's run journal, or null when it cannot keep one (then {@code --resume} is refused). */
    default Journal journal() {
        return null;
    }

    /**
     * Whether this target's sinks can commit a table in chunks ({@link TableSink#checkpoint}), each with
     * its journal entry, so that a large table resumes after its last committed chunk.
     */
    default boolean commitsInChunks() {
        return false;
    }

    /** Moves sequences and identity counters of {@code table} past the largest loaded values. */
    default void afterLoad(Table table) {
    }
}
