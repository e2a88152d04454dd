package io.decant.core.init;

import java.util.ArrayList;
import java.util.List;

/**
 * What init proposes, before it is written as YAML: each entry carries the comment that explains the
 * guess and, where a person must decide, a TODO with the options. {@link SpecWriter} writes it.
 */
final class Draft {
    /** Header lines (without {@code # }), after the editor-schema line. */
    final List<String> header = new ArrayList<>();
    String naming = "preserve";
    String namingComment;
    String namingTodo;
    final List<Excluded> excluded = new ArrayList<>();
    final List<TableEntry> tables = new ArrayList<>();
    final List<IdEntry> ids = new ArrayList<>();
    /** TODO comment lines about ids that no entry carries (keys of tables that are not migrated). */
    final List<String> idTodos = new ArrayList<>();

    record Excluded(String table, String todo) {
    }

    /** One table's block. {@code into} is a rename (null: the name as naming gives it). */
    static final class TableEntry {
        final String table;
        String into;
        String intoComment;
        final List<String> todos = new ArrayList<>();
        /** The todos on which plan fails as the spec is written (a NOT NULL column without a default left unfed). */
        final java.util.Set<String> failingTodos = new java.util.HashSet<>();
        final List<ColumnEntry> columns = new ArrayList<>();

        TableEntry(String table) {
            this.table = table;
        }

        boolean isEmpty() {
            return into == null && todos.isEmpty() && columns.isEmpty();
        }
    }

    /** One column line: {@code keys} in the order written ({@code to}, {@code value}, {@code cast}, {@code skip}). */
    record ColumnEntry(String column, List<String[]> keys, String comment, String todo, boolean fails) {
        ColumnEntry(String column, List<String[]> keys, String comment, String todo) {
            this(column, keys, comment, todo, false);
        }
    }

    record IdEntry(String table, String strategy, String legacyColumn, String comment, String todo) {
    }
}
