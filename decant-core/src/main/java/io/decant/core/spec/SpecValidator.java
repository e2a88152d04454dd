package io.decant.core.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need the whole spec but not the source: merges and renames that contradict each
 * other, targets given twice, references to ids that are not remapped. Problems are placed with
 * {@link Spec#locate}.
 */
final class SpecValidator {
    private final Spec spec;
    private final Problems problems;

    SpecValidator(Spec spec, Problems problems) {
        this.spec = spec;
        this.problems = problems;
    }

    void validate() {
        Set<String> excluded = new LinkedHashSet<>(spec.exclude());
        Map<String, String> renamedTo = new HashMap<>();
        spec.tables().forEach((name, t) -> {
            String at = "tables." + name;
            if (excluded.contains(name)) {
                problem(at, "table " + name + " is excluded, so its settings would be ignored; remove one of the two");
            }
            if (!t.key().isEmpty() && t.into() == null) {
                problem(at + ".key", "key needs into: it names the columns that find the row of the table to merge into");
            }
            if (t.isMerge() && t.keep().isEmpty() && !t.unique().isEmpty()) {
                problem(at + ".unique", name + " merges into " + t.into() + " and has no target table of its own;"
                        + " declare unique under the source table that becomes " + t.into());
            }
            if (t.into() != null && excluded.contains(t.into())) {
                problem(at + ".into", "into names " + t.into() + ", which is excluded");
            }
            if (t.isRename()) {
                String other = renamedTo.putIfAbsent(t.into(), name);
                if (other != null) {
                    problem(at + ".into", "tables " + other + " and " + name + " are both renamed to " + t.into()
                            + "; to combine their rows, give one of them a key to merge on");
                }
                TableSpec same = spec.tables().get(t.into());
                if (same != null && !t.into().equals(name) && same.into() == null && !excluded.contains(t.into())) {
                    problem(at + ".into", name + " is renamed to " + t.into() + ", which is also a source table kept"
                            + " under its own name");
                }
            }
            columns(name, t);
        });
        mergeCycles();
        spec.ids().forEach((table, ids) -> {
            if (excluded.contains(table)) {
                problem("ids." + table, "table " + table + " is excluded; its ids cannot be remapped");
            }
            for (int i = 0; i < ids.references().size(); i++) {
                Reference r = ids.references().get(i);
                if (excluded.contains(r.table())) {
                    problem("ids." + table + ".references[" + i + "]", "table " + r.table() + " is excluded");
                }
            }
        });
    }

    private void columns(String table, TableSpec t) {
        String at = "tables." + table;
        Map<String, String> owner = new LinkedHashMap<>();
        t.columns().forEach((column, c) -> {
            if (c.skip()) {
                return;
            }
            String target = c.to() != null ? c.to() : column;
            String before = owner.putIfAbsent(target, column);
            if (before != null) {
                problem(at + ".columns." + column + (c.to() != null ? ".to" : ""),
                        "columns " + before + " and " + column + " both become " + target);
            }
            if (c.ref() != null && !spec.locations().containsKey("ids." + c.ref())) {
                problem(at + ".columns." + column + ".ref", "ref names " + c.ref() + ", which has no entry in ids;"
                        + " only remapped ids are rewritten");
            }
        });
        IdSpec ids = spec.ids().get(table);
        if (ids != null && ids.legacyColumn() != null && owner.containsKey(ids.legacyColumn())) {
            problem("ids." + table + ".legacy_column", "legacy column " + ids.legacyColumn()
                    + " is also the target of column " + owner.get(ids.legacyColumn()));
        }
        t.add().keySet().forEach(name -> {
            if (owner.containsKey(name)) {
                problem(at + ".add." + name, "added column " + name + " is also the target of column " + owner.get(name));
            }
            if (ids != null && name.equals(ids.legacyColumn())) {
                problem(at + ".add." + name, "added column " + name + " is also ids." + table + ".legacy_column");
            }
        });
    }

    /** A merges into b, b merges into a: no order of loading can satisfy both. */
    private void mergeCycles() {
        Set<String> reported = new LinkedHashSet<>();
        for (String start : spec.tables().keySet()) {
            List<String> path = new ArrayList<>();
            String current = start;
            while (current != null && !path.contains(current)) {
                path.add(current);
                TableSpec t = spec.tables().get(current);
                current = t != null && t.isMerge() ? t.into() : null;
            }
            if (current != null && current.equals(start) && reported.add(Set.copyOf(path).toString())) {
                path.add(start);
                problem("tables." + start + ".into", "merge cycle: " + String.join(" -> ", path));
            }
        }
    }

    private void problem(String path, String message) {
        problems.add(spec.locate(path), message);
    }
}
