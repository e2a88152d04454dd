package io.decant.core.spi;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import java.util.List;

/** A database or folder that rows are written to. */
public interface TargetDatabase extends Endpoint {
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

    /** The logical type this target stores {@code type} as when it creates the column (e.g. SQLite: decimal as text). */
    default LogicalType storedType(LogicalType type) {
        return type;
    }

    /**
     * Creates {@code tables} with their columns, primary keys and unique constraints; indexes and
     * foreign keys come later from {@link #createIndexesAndForeignKeys}, after the data.
     */
    void createTables(List<Table> tables);

    void createIndexesAndForeignKeys(List<Table> tables);

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
