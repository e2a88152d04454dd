package io.decant.core.plan;

import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Locale;

/**
 * What the planner needs to know of a target: its tables, how it names a new table, and its types.
 * A target opened for writing gives all of it; a target opened for reading (as {@code verify} does)
 * gives its tables, and new names resolve to the existing table of that name.
 */
public interface TargetView {
    String displayUrl();

    List<Table> tables();

    TableId resolve(String name);

    /** See {@link TargetDatabase#resolve(String, String)}. */
    default TableId resolve(String sourceSchema, String name) {
        return resolve(name);
    }

    String nativeType(LogicalType type);

    /** See {@link TargetDatabase#nativeColumnType(String)}. */
    default String nativeColumnType(String nativeType) {
        return null;
    }

    /**
     * Whether this target builds an index from {@link io.decant.core.schema.Index#definition} {@code definition} (a
     * source of the same kind of database: PostgreSQL to PostgreSQL). Only then does {@code --create-schema} carry
     * a partial or expression index over as the source defines it.
     */
    default boolean buildsIndexDefinition(String definition) {
        return false;
    }

    /** See {@link TargetDatabase#keepsDeclaredType(String)}. */
    default boolean keepsDeclaredType(String nativeType) {
        return false;
    }

    /**
     * How a plan shows a column created with the source's declared {@code nativeType} although decant models its
     * values ({@link #keepsDeclaredType}, an own type kept): the target's spelling of it ({@code character(2)}); or
     * null to show this target's type for the logical one, for a target that only records the declared type for
     * another to create (an export folder: the import's plan shows the type it creates).
     */
    default String shownDeclaredType(String nativeType) {
        return nativeColumnType(nativeType);
    }

    /**
     * For a column decant models whose type the source database's own migrations made ({@link
     * io.decant.core.schema.Column#ownType} {@code ownType}, declared {@code nativeType}), and that a table this
     * target creates would have ({@link #nativeColumnType} knows the type's spelling): null when this database has a
     * type of that name that takes every value the source's can hold and orders them the same, so the column is
     * created with it; otherwise why not, with the way out, for plan to note (the column is then created with this
     * target's type for the logical one, as for any other source).
     */
    default String ownTypeNotKept(String nativeType, String ownType) {
        return "this target does not keep the source's own types";
    }

    /**
     * Why a table this target creates could not have a column of {@code createdType} (a type {@link #nativeColumnType}
     * gave), or null when it can: PostgreSQL answers for an enum, composite, domain or extension type the target
     * database does not have, which {@code CREATE TABLE} would refuse after the plan. Asked by plan, which refuses.
     */
    default String missingType(String createdType) {
        return null;
    }

    /**
     * Why a table this target creates could not declare a column with {@code collation} (a name
     * {@link #createdCollation} gave), or null when it can: PostgreSQL answers for a collation the source made with
     * CREATE COLLATION and the target database lacks, which {@code CREATE TABLE} would refuse after the plan.
     */
    default String missingCollation(String collation) {
        return null;
    }

    /**
     * Why this target could not create {@code column}, a computed column of the created {@code table}, with its
     * expression, or null when it can: PostgreSQL answers when the expression calls a function, an operator or a
     * type the target database lacks (a function of the source's own, an extension's), which {@code CREATE TABLE}
     * would refuse after the plan.
     */
    default String uncomputable(io.decant.core.schema.Table table, io.decant.core.schema.Column column) {
        return null;
    }

    /**
     * The columns of {@code table}, an existing table of this target, that a row must give a value: NOT NULL, with no
     * default, not an identity, auto-increment, rowid alias or computed column. Plan refuses a load that leaves one
     * of them without a value, since every row would fail at the first insert.
     */
    default java.util.Set<String> mustBeFed(io.decant.core.schema.Table table) {
        return java.util.Set.of();
    }

    /**
     * How plan says that {@code column}, computed in the source, is kept computed in the table this target gets
     * ({@link #nativeColumnType} took its expression): a database creates it so; an export folder records it.
     */
    default String keptComputed(String column) {
        return "column " + column + " is created computed, as in the source: the target computes it";
    }

    /**
     * Whether this target creates a unique key checked later than each row, as the source's
     * {@link io.decant.core.schema.Index#deferral} says (PostgreSQL); other targets check it at each row, noted.
     */
    default boolean keepsDeferral() {
        return false;
    }

    /**
     * Whether this target creates a foreign key {@code DEFERRABLE} (and {@code INITIALLY DEFERRED}) as the source's
     * says (PostgreSQL, SQLite); other targets check it at each row, noted.
     */
    default boolean keepsForeignKeyDeferral() {
        return false;
    }

    /**
     * Whether this target creates a foreign key with {@code action} ({@code CASCADE}, {@code SET NULL}, {@code SET
     * DEFAULT}, {@code RESTRICT}) on delete or update, as the source's says; one it lacks is left out, noted.
     */
    default boolean keepsForeignKeyAction(String action) {
        return true;
    }

    /**
     * Whether this target creates a unique key {@code NULLS NOT DISTINCT} (PostgreSQL 15 and later), as the source's
     * {@link io.decant.core.schema.Index#nullsNotDistinct} says; other targets let several rows hold NULL in it, and
     * plan notes that.
     */
    default boolean keepsNullsNotDistinct() {
        return false;
    }

    /** See {@link TargetDatabase#createsCollations()}. */
    default boolean createsCollations() {
        return false;
    }

    /** See {@link TargetDatabase#createdCollation(String)}. */
    default String createdCollation(String sourceCollation) {
        return null;
    }

    /**
     * How a plan shows, after the created type, that a text column is created with {@code collation} (a name
     * {@link #createdCollation} gave): {@code COLLATE "C"}; or null to show nothing, for a target whose columns
     * compare nothing (an export folder records the source's collation for the import, whose plan shows it).
     */
    default String shownCollation(String collation) {
        return "COLLATE \"" + collation.replace("\"", "\"\"") + "\"";
    }

    LogicalType storedType(LogicalType type);

    /** See {@link TargetDatabase#writeCheck}. */
    default io.decant.core.transform.Conversion writeCheck(LogicalType type, String nativeType) {
        return null;
    }

    /** See {@link TargetDatabase#keyTextLength()}. */
    default int keyTextLength() {
        return 0;
    }

    /** See {@link TargetDatabase#maxKeyTextLength()}. */
    default int maxKeyTextLength() {
        return Integer.MAX_VALUE;
    }

    /**
     * The most bytes one key this target creates can index, its columns together: a bytes column
     * counts its length, a text column {@code maxKeyBytes() / maxKeyTextLength()} bytes a character
     * (InnoDB: 3072 bytes, 768 characters of utf8mb4); see {@link #keyTextLength()}.
     */
    default int maxKeyBytes() {
        return Integer.MAX_VALUE;
    }

    /** See {@link TargetDatabase#joinsAnyTypes()}. */
    default boolean joinsAnyTypes() {
        return true;
    }

    /**
     * The most columns a table this target creates may have ({@link Integer#MAX_VALUE}: no limit): plan refuses a
     * wider table, which CREATE TABLE would refuse after the tables before it were loaded.
     */
    default int maxColumns() {
        return Integer.MAX_VALUE;
    }

    /** See {@link TargetDatabase#maxIdentifierLength()}. */
    default int maxIdentifierLength() {
        return Integer.MAX_VALUE;
    }

    /** See {@link TargetDatabase#identifierLength(String)}. */
    default int identifierLength(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** See {@link TargetDatabase#unwritable}; a target read back writes nothing. */
    default java.util.Map<String, String> unwritable(Table table, List<io.decant.core.schema.Column> columns) {
        return java.util.Map.of();
    }

    /** See {@link TargetDatabase#tableNamesIgnoreCase()}. */
    default boolean tableNamesIgnoreCase() {
        return false;
    }

    /** See {@link TargetDatabase#columnNamesIgnoreCase()}. */
    default boolean columnNamesIgnoreCase() {
        return false;
    }

    /** A target opened for writing is a view of itself: {@link TargetDatabase} extends this interface. */
    static TargetView of(TargetDatabase t) {
        return t;
    }

    /** A target read back, for verify: names resolve to its tables by exact, then case-insensitive match. */
    static TargetView readBack(SourceDatabase s) {
        List<Table> tables = s.tables();
        return new TargetView() {
            @Override
            public String displayUrl() {
                return s.displayUrl();
            }

            @Override
            public List<Table> tables() {
                return tables;
            }

            @Override
            public TableId resolve(String sourceSchema, String name) {
                // The same schema first (a source's users is the target's users, not its auth.users).
                for (Table t : tables) {
                    if (java.util.Objects.equals(sourceSchema, t.id().schema()) && t.name().equals(name)) {
                        return t.id();
                    }
                }
                return resolve(name);
            }

            @Override
            public TableId resolve(String name) {
                for (Table t : tables) {
                    if (t.name().equals(name)) {
                        return t.id();
                    }
                }
                for (Table t : tables) {
                    if (t.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                        return t.id();
                    }
                }
                return TableId.of(name);
            }

            @Override
            public String nativeType(LogicalType type) {
                return type.toString();
            }

            @Override
            public LogicalType storedType(LogicalType type) {
                return type;
            }
        };
    }
}
