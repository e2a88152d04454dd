package io.decant.sqlite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The foreign keys a CREATE TABLE statement declares {@code DEFERRABLE INITIALLY DEFERRED}: checked when the
 * transaction commits, not at each statement. SQLite's {@code pragma_foreign_key_list} does not say it, so the
 * statement is read, as for collations ({@link DeclaredCollations#definitions}): a column's {@code REFERENCES}
 * clause or a table's {@code FOREIGN KEY (...) REFERENCES} clause, followed by {@code DEFERRABLE INITIALLY
 * DEFERRED}. As SQLite reads them, {@code DEFERRABLE}, {@code DEFERRABLE INITIALLY IMMEDIATE} and {@code NOT
 * DEFERRABLE ...} are checked at each statement.
 */
final class DeclaredForeignKeys {
    private static final Pattern TABLE_KEY = Pattern.compile(
            "(?is)^(?:CONSTRAINT\\s+(?:\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]|\\S+)\\s+)?FOREIGN\\s+KEY\\s*\\(([^)]*)\\)\\s*REFERENCES\\b(.*)$");
    private static final Pattern REFERENCES = Pattern.compile("(?is)\\bREFERENCES\\b(.*)$");
    private static final Pattern TIMING = Pattern.compile(
            "(?i)\\b(NOT\\s+)?DEFERRABLE(?:\\s+INITIALLY\\s+(DEFERRED|IMMEDIATE))?\\b");

    private DeclaredForeignKeys() {
    }

    /** The child columns, unquoted and in lower case, of each foreign key that {@code createSql} declares deferred. */
    static Set<List<String>> deferred(String createSql) {
        Set<List<String>> out = new HashSet<>();
        if (createSql == null) {
            return out;
        }
        for (String d : DeclaredCollations.definitions(createSql)) {
            String def = d.trim();
            if (def.isEmpty()) {
                continue;
            }
            if (DeclaredCollations.isTableConstraint(def)) {
                Matcher m = TABLE_KEY.matcher(def);
                if (m.matches() && checkedAtCommit(m.group(2))) {
                    List<String> cols = new ArrayList<>();
                    for (String c : m.group(1).split(",")) {
                        cols.add(DeclaredCollations.name(c));
                    }
                    out.add(List.copyOf(cols));
                }
                continue;
            }
            int end = DeclaredCollations.nameEnd(def);
            if (end < 0) {
                continue;
            }
            Matcher m = REFERENCES.matcher(def.substring(end));
            if (m.find() && checkedAtCommit(m.group(1))) {
                out.add(List.of(DeclaredCollations.name(def.substring(0, end))));
            }
        }
        return out;
    }

    /** Whether the text after REFERENCES says DEFERRABLE INITIALLY DEFERRED (not NOT DEFERRABLE, not IMMEDIATE). */
    private static boolean checkedAtCommit(String afterReferences) {
        Matcher t = TIMING.matcher(afterReferences);
        return t.find() && t.group(1) == null && "DEFERRED".equalsIgnoreCase(t.group(2));
    }
}
