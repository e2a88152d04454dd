package io.decant.core.plan;

import io.decant.core.api.SkippedTable;
import java.util.List;

/**
 * The dry run: tables in load order with every column's conversion decided.
 *
 * @param groups  tables in load order; a group of several tables is a foreign-key cycle loaded together
 * @param skipped tables left out and why
 * @param uniques keys the spec declares unique, in target names, for verify
 */
public record MigrationPlan(String source, String target, String consistency, List<List<TablePlan>> groups,
                            List<SkippedTable> skipped, List<String> notes, List<DeclaredReference> references,
                            List<DeclaredUnique> uniques) {
    public MigrationPlan {
        groups = groups.stream().map(List::copyOf).toList();
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        references = List.copyOf(references);
        uniques = List.copyOf(uniques);
    }

    public MigrationPlan(String source, String target, String consistency, List<List<TablePlan>> groups,
                         List<SkippedTable> skipped, List<String> notes, List<DeclaredReference> references) {
        this(source, target, consistency, groups, skipped, notes, references, List.of());
    }

    public MigrationPlan(String source, String target, String consistency, List<List<TablePlan>> groups,
                         List<SkippedTable> skipped, List<String> notes) {
        this(source, target, consistency, groups, skipped, notes, List.of());
    }

    /**
     * A reference the spec declares without a foreign key (a text column holding ids), in target
     * names, so that verify checks it for orphans like a foreign key.
     */
    public record DeclaredReference(io.decant.core.schema.TableId table, String column,
                                    io.decant.core.schema.TableId refTable, String refColumn, String why) {
    }

    /**
     * A key the spec declares unique ({@code unique:}), its terms resolved to the target table's own
     * column names, so that verify checks it for duplicates like a unique constraint.
     */
    public record DeclaredUnique(io.decant.core.schema.TableId table, io.decant.core.spec.UniqueKey key) {
    }

    /** The declared unique keys of one target table, in the order of the spec. */
    public List<io.decant.core.spec.UniqueKey> uniquesOf(io.decant.core.schema.TableId table) {
        return uniques.stream().filter(u -> u.table().equals(table)).map(DeclaredUnique::key).toList();
    }

    public List<TablePlan> tables() {
        return groups.stream().flatMap(List::stream).toList();
    }

}
