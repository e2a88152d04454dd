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

    /** See {@link TargetDatabase#buildsIndexDefinition(String)}. */
    default boolean buildsIndexDefinition(String definition) {
        return false;
    }

    /** See {@link TargetDatabase#keepsDeclaredType(String)}. */
    default boolean keepsDeclaredType(String nativeType) {
        return false;
    }

    /** See {@link TargetDatabase#ownTypeNotKept(String, String)}. */
    default String ownTypeNotKept(String nativeType, String ownType) {
        return "this target does not keep the source's own types";
    }

    /** See {@link TargetDatabase#missingType(String)}. */
    default String missingType(String createdType) {
        return null;
    }

    /** See {@link TargetDatabase#missingCollation(String)}. */
    default String missingCollation(String collation) {
        return null;
    }

    /** See {@link TargetDatabase#uncomputable}. */
    default String uncomputable(Table table, io.decant.core.schema.Column column) {
        return null;
    }

    /** See {@link TargetDatabase#mustBeFed}; a target read back is written to by nobody. */
    default java.util.Set<String> mustBeFed(Table table) {
        return java.util.Set.of();
    }

    /** See {@link TargetDatabase#keepsDeferral()}. */
    default boolean keepsDeferral() {
        return false;
    }

    /** See {@link TargetDatabase#keepsNullsNotDistinct()}. */
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

    /** See {@link TargetDatabase#maxKeyBytes()}. */
    default int maxKeyBytes() {
        return Integer.MAX_VALUE;
    }

    /** See {@link TargetDatabase#joinsAnyTypes()}. */
    default boolean joinsAnyTypes() {
        return true;
    }

    /** See {@link TargetDatabase#maxColumns()}. */
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
