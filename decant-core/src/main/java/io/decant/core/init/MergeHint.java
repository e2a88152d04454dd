package io.decant.core.init;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a source table's leftover columns may belong: another target table that has columns like
 * them and a column like the source's key ({@code user_wallet.xp} -> {@code user_progress.total_xp},
 * matched by {@code user_id}). No schema says whether a merge is meant, so this only ever becomes
 * an option in a TODO, spelled as the spec's {@code into}, {@code key} and {@code keep}.
 */
final class MergeHint {
    private MergeHint() {
    }

    /** The option for {@code unmatched} columns of {@code s} (paired with {@code t}), or null. */
    static String find(Table s, Table t, List<String> unmatched, List<String> kept, List<Table> targets,
                       Map<Table, Table> tableOf) {
        if (unmatched.isEmpty() || s.primaryKey().size() != 1) {
            return null;
        }
        String key = s.primaryKey().get(0);
        for (Table other : targets) {
            if (other == t || other.findColumn(keyColumn(key, other)).isEmpty()) {
                continue;
            }
            List<String> tos = new ArrayList<>();
            List<String> found = new ArrayList<>();
            for (String u : unmatched) {
                String c = like(u, other);
                if (c != null) {
                    found.add(u);
                    tos.add(c);
                }
            }
            if (found.isEmpty()) {
                continue;
            }
            List<String> keep = new ArrayList<>(kept);
            keep.remove(key);
            StringBuilder renames = new StringBuilder();
            for (int i = 0; i < found.size(); i++) {
                if (!Names.key(found.get(i)).equals(Names.key(tos.get(i)))) {
                    renames.append(renames.length() == 0 ? "" : ", ").append(found.get(i)).append(": {to: ")
                            .append(tos.get(i)).append("}");
                }
            }
            return String.join(", ", found) + " look like columns of target table " + other.id().display() + " ("
                    + String.join(", ", tos) + "); to merge them there, matched by " + key + ", instead of leaving them out:\n"
                    + "into: " + other.name() + ", key: " + keyFor(key, other)
                    + (keep.isEmpty() ? "" : ", keep: [" + String.join(", ", keep) + "]")
                    + (renames.length() == 0 ? "" : ", and columns: {" + renames + "}")
                    + " (docs/spec.md, Merging tables)";
        }
        return null;
    }

    /** For a source table that no target table matched: "merge it into T by K" when T has its key and most of its columns. */
    static String forUnpaired(Table s, List<Table> targets) {
        if (s.primaryKey().size() != 1 || s.columns().size() < 2) {
            return null;
        }
        for (Table other : targets) {
            String key = null;
            for (Column c : s.columns()) {
                if (!s.primaryKey().contains(c.name()) && other.findColumn(keyColumn(c.name(), other)).isPresent()
                        && Names.key(c.name()).endsWith("id")) {
                    key = c.name();
                    break;
                }
            }
            if (key == null) {
                continue;
            }
            int alike = 0;
            for (Column c : s.columns()) {
                if (!c.name().equals(key) && !s.primaryKey().contains(c.name()) && like(c.name(), other) != null) {
                    alike++;
                }
            }
            if (alike * 2 >= s.columns().size() - 2 && alike > 0) {
                return "merge it into " + other.id().display() + " by " + key + " (into: " + other.name() + ", key: "
                        + keyFor(key, other) + ")";
            }
        }
        return null;
    }

    /**
     * For a table decant creates: when it holds at most one row per row of another table (a foreign key whose
     * one column is also its primary key or a unique key), the merge that folds it into that table's rows, as
     * a document store's consolidated tables do; null otherwise.
     */
    static String oneToOne(Table s) {
        for (io.decant.core.schema.ForeignKey fk : s.foreignKeys()) {
            if (fk.columns().size() != 1) {
                continue;
            }
            String c = fk.columns().get(0);
            boolean unique = s.primaryKey().equals(List.of(c))
                    || s.indexes().stream().anyMatch(i -> i.keysRows() && i.columns().equals(List.of(c)));
            if (!unique) {
                continue;
            }
            String parent = fk.refTable().display();
            String ref = fk.refColumns().get(0);
            return s.id().display() + " has at most one row per row of " + parent + " (" + c + " is unique and references "
                    + parent + "." + ref + "); to fold its columns into the rows of " + parent + " (as a document store's"
                    + " consolidated tables are): into: " + fk.refTable().name() + ", key: "
                    + (c.equals(ref) ? c : "{" + c + ": " + ref + "}") + " (docs/spec.md, Merging tables)";
        }
        return null;
    }

    private static String keyColumn(String key, Table other) {
        for (Column c : other.columns()) {
            if (Names.key(c.name()).equals(Names.key(key))) {
                return c.name();
            }
        }
        return key;
    }

    private static String keyFor(String key, Table other) {
        String k = keyColumn(key, other);
        return k.equals(key) ? key : "{" + key + ": " + k + "}";
    }

    /** A column of {@code other} like {@code name}: the same words, a close spelling, or ending in its words (xp, total_xp). */
    private static String like(String name, Table other) {
        String k = Names.key(name);
        for (Column c : other.columns()) {
            if (Names.similarity(name, c.name()) >= Names.CLOSE) {
                return c.name();
            }
        }
        for (Column c : other.columns()) {
            if (k.length() >= 2 && Names.key(c.name()).endsWith(k)) {
                return c.name();
            }
        }
        return null;
    }
}
