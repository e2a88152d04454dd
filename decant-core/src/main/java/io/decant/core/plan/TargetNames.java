package io.decant.core.plan;

import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names of what decant creates in a target: tables and columns must fit it as they are, and
 * indexes and constraints get names unique in their target schema ({@link CreatedNames}).
 */
final class TargetNames {
    private TargetNames() {
    }

    /**
     * The names of the tables and columns decant creates must fit the target: a longer one would be
     * refused by it (MySQL) or cut silently (PostgreSQL), after earlier tables were loaded; two names
     * the target would cut to the same one are named together.
     */
    static void check(Collection<TablePlan> tables, TargetView target, PlanProblems problems) {
        int max = target.maxIdentifierLength();
        Map<String, List<String>> tablesByCut = new LinkedHashMap<>();
        for (TablePlan tp : tables) {
            if (!tp.create()) {
                continue;
            }
            String table = tp.target().id().display();
            ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(tp.source().id().display());
            String tableName = tp.target().name();
            if (target.identifierLength(tableName) > max) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where, "target table name " + tableName + " is "
                        + target.identifierLength(tableName) + " long; " + target.displayUrl() + " keeps at most " + max
                        + "; rename it in the spec (tables." + tp.source().id().display() + ".into: A_SHORTER_NAME)");
            }
            tablesByCut.computeIfAbsent((tp.target().id().schema() == null ? "" : tp.target().id().schema() + ".")
                    + cut(tableName, max, target).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(tableName);
            int columns = tp.target().columns().size();
            if (columns > target.maxColumns()) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where, "target table " + table + " would be created with " + columns
                        + " columns; " + target.displayUrl() + " keeps at most " + target.maxColumns() + " in a table;"
                        + " leave " + (columns - target.maxColumns()) + " or more out with skip: true (tables."
                        + tp.source().id().display() + ".columns.NAME.skip: true), or --exclude " + tp.source().id().display());
            }
            Map<String, List<String>> columnsByCut = new LinkedHashMap<>();
            for (Column c : tp.target().columns()) {
                int length = target.identifierLength(c.name());
                if (length > max) {
                    problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(c.name()), "target column " + table + "."
                            + c.name() + " has a name " + length + " long; " + target.displayUrl() + " keeps at most " + max
                            + "; rename it in the spec (tables." + tp.source().id().display() + ".columns." + c.name()
                            + ".to: A_SHORTER_NAME)");
                }
                columnsByCut.computeIfAbsent(cut(c.name(), max, target).toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(c.name());
            }
            for (List<String> v : columnsByCut.values()) {
                if (v.size() > 1 && (v.stream().anyMatch(n -> target.identifierLength(n) > max) || target.columnNamesIgnoreCase())) {
                    problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(v.get(0)), "target columns " + table + "."
                            + v.get(0) + " and " + table + "." + v.get(1) + sameName(v, max, target) + "; rename one in the"
                            + " spec (tables." + tp.source().id().display() + ".columns.NAME.to: ANOTHER_NAME)");
                }
            }
        }
        for (List<String> v : tablesByCut.values()) {
            if (v.size() > 1 && (v.stream().anyMatch(n -> target.identifierLength(n) > max) || target.tableNamesIgnoreCase())) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withPhase("plan").withTable(v.get(0)), "target tables "
                        + v.get(0) + " and " + v.get(1) + sameName(v, max, target) + "; rename one in the spec"
                        + " (tables.NAME.into: ANOTHER_NAME)");
            }
        }
    }

    private static String sameName(List<String> names, int max, TargetView target) {
        return names.stream().anyMatch(n -> target.identifierLength(n) > max)
                ? " are the same name once cut to the " + max + " the target keeps"
                : " are the same name to " + target.displayUrl() + ", which compares names without case";
    }

    /** The longest head of {@code name} that the target keeps. */
    private static String cut(String name, int max, TargetView target) {
        if (target.identifierLength(name) <= max) {
            return name;
        }
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (target.identifierLength(head + new String(Character.toChars(cp))) > max) {
                break;
            }
            head.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return head.toString();
    }

    /** Gives the indexes and constraints of the created tables names unique in their target schema ({@link CreatedNames}). */
    static void nameCreated(Map<TableId, TablePlan> byTarget, Map<TableId, Table> existing, TargetView target) {
        List<TablePlan> created = byTarget.values().stream().filter(TablePlan::create).toList();
        if (created.isEmpty()) {
            return;
        }
        CreatedNames.Result named = new CreatedNames(target.maxIdentifierLength(), target::identifierLength)
                .assign(created.stream().map(TablePlan::target).toList(), new ArrayList<>(existing.values()));
        for (int i = 0; i < created.size(); i++) {
            TablePlan tp = created.get(i);
            Table t = named.tables().get(i);
            List<String> notes = new ArrayList<>(tp.notes());
            for (CreatedNames.Renamed r : named.renamed().getOrDefault(t.id(), List.of())) {
                notes.add(r.kind() + " " + r.from() + " is created as " + r.to() + ": " + r.why());
            }
            byTarget.put(t.id(), new TablePlan(tp.source(), tp.read(), t, tp.columns(), tp.filter(), tp.filterText(),
                    tp.finisher(), tp.create(), tp.sourceRows(), notes, tp.issues()));
        }
    }
}
