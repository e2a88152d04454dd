package io.decant.core.engine;

import java.util.List;

/**
 * The dry run: tables in load order with every column's conversion decided.
 *
 * @param groups  tables in load order; a group of several tables is a foreign-key cycle loaded together
 * @param skipped tables left out and why
 */
public record MigrationPlan(String source, String target, String consistency, List<List<TablePlan>> groups,
                            List<Skipped> skipped, List<String> notes, List<DeclaredReference> references) {
    public MigrationPlan {
        groups = groups.stream().map(List::copyOf).toList();
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        references = List.copyOf(references);
    }

    public MigrationPlan(String source, String target, String consistency, List<List<TablePlan>> groups,
                         List<Skipped> skipped, List<String> notes) {
        this(source, target, consistency, groups, skipped, notes, List.of());
    }

    /**
     * A reference the spec declares without a foreign key (a text column holding ids), in target
     * names, so that verify checks it for orphans like a foreign key.
     */
    public record DeclaredReference(io.decant.core.schema.TableId table, String column,
                                    io.decant.core.schema.TableId refTable, String refColumn, String why) {
    }

    public List<TablePlan> tables() {
        return groups.stream().flatMap(List::stream).toList();
    }

    public record Skipped(String table, String reason) {
    }
}
