package io.decant.core.engine;

import java.util.List;

/**
 * The dry run: tables in load order with every column's conversion decided.
 *
 * @param groups  tables in load order; a group of several tables is a foreign-key cycle loaded together
 * @param skipped tables left out and why
 */
public record MigrationPlan(String source, String target, String consistency, List<List<TablePlan>> groups,
                            List<Skipped> skipped, List<String> notes) {
    public MigrationPlan {
        groups = groups.stream().map(List::copyOf).toList();
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    public List<TablePlan> tables() {
        return groups.stream().flatMap(List::stream).toList();
    }

    public record Skipped(String table, String reason) {
    }
}
