package io.decant.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the CREATE TABLE and CREATE INDEX statements of a dump, as the app declared them: column
 * names and declared types, NOT NULL, PRIMARY KEY (column or table constraint, AUTOINCREMENT),
 * UNIQUE, REFERENCES / FOREIGN KEY with ON DELETE / ON UPDATE, generated columns, WITHOUT ROWID.
 * CHECK, COLLATE, DEFAULT values, conflict clauses and deferrability are skipped over (a DEFAULT is
 * remembered only as being there). Not a SQL parser: it knows where these clauses start and skips
 * balanced parentheses for everything else.
 */
final class DumpDdl {
    private static final Set<String> COLUMN_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE",
            "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

    private DumpDdl() {
    }

    /** An identifier: bare, quoted in any of SQLite's ways, or (as SQLite allows) a string. */
    static String name(SqlLexer lx, String what) {
        if (lx.kind != SqlLexer.Kind.WORD && lx.kind != SqlLexer.Kind.QUOTED && lx.kind != SqlLexer.Kind.STRING) {
            throw lx.error("expected " + what + ", found " + lx.describe());
        }
        String n = lx.text;
        lx.advance();
        return n;
    }

    /** {@code name} or {@code schema.name}; the schema (main) is dropped. */
    static String qualifiedName(SqlLexer lx, String what) {
        String n = name(lx, what);
        if (lx.isPunct(".")) {
            lx.advance();
            n = name(lx, what);
        }
        return n;
    }

    /** After {@code CREATE TABLE}: the rest of the statement, up to and including its semicolon. */
    static DumpTable createTable(SqlLexer lx) {
        if (lx.isWord("IF")) {
            lx.advance(); // IF NOT EXISTS
            lx.advance();
            lx.advance();
        }
        long line = lx.tokenLine;
        DumpTable t = new DumpTable(qualifiedName(lx, "a table name"), line);
        if (lx.isWord("AS")) {
            throw lx.error("CREATE TABLE " + t.name + " AS SELECT: a dump's tables are declared with their columns");
        }
        lx.expectPunct("(", "after CREATE TABLE " + t.name);
        do {
            if (lx.kind == SqlLexer.Kind.WORD && TABLE_CONSTRAINTS.contains(lx.text.toUpperCase(Locale.ROOT))) {
                tableConstraint(lx, t);
            } else {
                column(lx, t);
            }
        } while (comma(lx));
        lx.expectPunct(")", "at the end of CREATE TABLE " + t.name);
        while (!lx.isPunct(";") && lx.kind != SqlLexer.Kind.EOF) {
            if (lx.isWord("ROWID")) {
                t.withoutRowid = true; // WITHOUT ROWID; STRICT changes nothing for reading
            }
            lx.advance();
        }
        lx.advance();
        for (DumpTable.ColumnDef c : t.columns) {
            if (c.primaryKey && !t.primaryKey.contains(c.name)) {
                t.primaryKey.add(c.name);
            }
            if (c.unique) {
                t.indexes.add(new DumpTable.IndexDef(t.name + "_" + c.name + "_key", List.of(c.name), true, true));
            }
        }
        return t;
    }

    private static boolean comma(SqlLexer lx) {
        if (lx.isPunct(",")) {
            lx.advance();
            return true;
        }
        return false;
    }

    private static void column(SqlLexer lx, DumpTable t) {
        DumpTable.ColumnDef c = new DumpTable.ColumnDef(name(lx, "a column name"));
        if (t.column(c.name) != null) {
            throw lx.error("CREATE TABLE " + t.name + " declares column " + c.name + " twice");
        }
        t.columns.add(c);
        StringBuilder type = new StringBuilder();
        while (lx.kind == SqlLexer.Kind.WORD && !COLUMN_CONSTRAINTS.contains(lx.text.toUpperCase(Locale.ROOT))) {
            type.append(type.length() == 0 ? "" : " ").append(lx.text);
            lx.advance();
        }
        if (type.length() > 0 && lx.isPunct("(")) {
            type.append('(');
            lx.advance();
            while (!lx.isPunct(")")) {
                if (lx.kind == SqlLexer.Kind.EOF) {
                    throw lx.error("the file ends inside the type of " + t.name + "." + c.name);
                }
                type.append(lx.text);
                lx.advance();
            }
            type.append(')');
            lx.advance();
        }
        c.declared = type.toString();
        while (!lx.isPunct(",") && !lx.isPunct(")")) {
            if (lx.kind == SqlLexer.Kind.EOF || lx.isPunct(";")) {
                throw lx.error("CREATE TABLE " + t.name + " ends without its closing parenthesis");
            }
            String w = lx.kind == SqlLexer.Kind.WORD ? lx.text.toUpperCase(Locale.ROOT) : "";
            switch (w) {
                case "PRIMARY" -> c.primaryKey = true;
                case "AUTOINCREMENT" -> c.autoincrement = true;
                case "UNIQUE" -> c.unique = true;
                case "NOT" -> {
                    lx.advance();
                    if (lx.isWord("NULL")) {
                        c.notNull = true;
                    } else {
                        continue; // NOT DEFERRABLE
                    }
                }
                case "GENERATED", "AS" -> c.generated = true;
                case "DEFAULT" -> {
                    c.hasDefault = true;
                    lx.advance();
                    if (lx.isPunct("-") || lx.isPunct("+")) {
                        lx.advance();
                    }
                    if (lx.isPunct("(")) {
                        skipParens(lx);
                    } else {
                        lx.advance();
                    }
                    continue;
                }
                case "COLLATE", "CONSTRAINT" -> lx.advance(); // and its name, below
                case "REFERENCES" -> {
                    lx.advance();
                    references(lx, t, List.of(c.name));
                    continue;
                }
                default -> {
                    if (lx.isPunct("(")) {
                        skipParens(lx); // CHECK (...), AS (...)
                        continue;
                    }
                }
            }
            lx.advance();
        }
    }

    private static void tableConstraint(SqlLexer lx, DumpTable t) {
        if (lx.isWord("CONSTRAINT")) {
            lx.advance();
            name(lx, "a constraint name");
        }
        if (lx.isWord("PRIMARY")) {
            lx.advance();
            lx.advance(); // KEY
            t.primaryKey.clear();
            t.primaryKey.addAll(columnList(lx, t, "PRIMARY KEY"));
        } else if (lx.isWord("UNIQUE")) {
            lx.advance();
            List<String> cols = columnList(lx, t, "UNIQUE");
            t.indexes.add(new DumpTable.IndexDef(t.name + "_" + String.join("_", cols) + "_key", cols, true, true));
        } else if (lx.isWord("FOREIGN")) {
            lx.advance();
            lx.advance(); // KEY
            List<String> cols = columnList(lx, t, "FOREIGN KEY");
            if (!lx.isWord("REFERENCES")) {
                throw lx.error("expected REFERENCES after FOREIGN KEY in " + t.name + ", found " + lx.describe());
            }
            lx.advance();
            references(lx, t, cols);
        }
        while (!lx.isPunct(",") && !lx.isPunct(")")) { // CHECK (...), conflict clauses, deferrability
            if (lx.kind == SqlLexer.Kind.EOF || lx.isPunct(";")) {
                throw lx.error("CREATE TABLE " + t.name + " ends without its closing parenthesis");
            }
            if (lx.isPunct("(")) {
                skipParens(lx);
            } else {
                lx.advance();
            }
        }
    }

    /** After REFERENCES: {@code parent [(cols)] [ON DELETE|UPDATE action]...}; stops at anything else. */
    private static void references(SqlLexer lx, DumpTable t, List<String> cols) {
        String parent = qualifiedName(lx, "the referenced table");
        List<String> refCols = lx.isPunct("(") ? names(lx) : List.of();
        String onDelete = null;
        String onUpdate = null;
        while (lx.isWord("ON")) {
            lx.advance();
            boolean delete = lx.isWord("DELETE");
            lx.advance();
            String action = lx.text.toUpperCase(Locale.ROOT);
            lx.advance();
            if (action.equals("SET") || action.equals("NO")) {
                action = action + " " + lx.text.toUpperCase(Locale.ROOT);
                lx.advance();
            }
            action = action.equals("NO ACTION") ? null : action;
            if (delete) {
                onDelete = action;
            } else {
                onUpdate = action;
            }
        }
        t.references.add(new DumpTable.Reference(cols, parent, refCols, onDelete, onUpdate));
    }

    private static List<String> columnList(SqlLexer lx, DumpTable t, String what) {
        List<String> cols = names(lx);
        for (String c : cols) {
            if (t.column(c) == null) {
                throw lx.error(what + " of " + t.name + " names column " + c + ", which the table does not declare");
            }
        }
        return cols.stream().map(c -> t.column(c).name).toList();
    }

    /** {@code (a, b COLLATE x DESC, ...)}: the names, or null in place of an expression. */
    static List<String> names(SqlLexer lx) {
        lx.expectPunct("(", "before a column list");
        List<String> out = new ArrayList<>();
        do {
            String n = lx.kind == SqlLexer.Kind.WORD || lx.kind == SqlLexer.Kind.QUOTED ? lx.text : null;
            lx.advance();
            if (n != null && lx.isPunct("(")) {
                n = null; // a function call: an expression
            }
            while (!lx.isPunct(",") && !lx.isPunct(")")) {
                if (lx.kind == SqlLexer.Kind.EOF || lx.isPunct(";")) {
                    throw lx.error("a column list ends without its closing parenthesis");
                }
                if (lx.isPunct("(")) {
                    skipParens(lx);
                } else {
                    if (!lx.isWord("COLLATE") && !lx.isWord("ASC") && !lx.isWord("DESC")) {
                        n = null;
                    }
                    if (lx.isWord("COLLATE")) {
                        lx.advance();
                    }
                    lx.advance();
                }
            }
            out.add(n);
        } while (comma(lx));
        lx.expectPunct(")", "after a column list");
        return out;
    }

    static void skipParens(SqlLexer lx) {
        long start = lx.tokenLine;
        int depth = 0;
        do {
            if (lx.kind == SqlLexer.Kind.EOF) {
                throw lx.error(start, "a parenthesis opened on this line is never closed");
            }
            if (lx.isPunct("(")) {
                depth++;
            } else if (lx.isPunct(")")) {
                depth--;
            }
            lx.advance();
        } while (depth > 0);
    }

    /** After {@code CREATE [UNIQUE] INDEX}: the index, or null when it cannot be copied (the reason in {@code notes}). */
    static DumpTable.IndexDef createIndex(SqlLexer lx, boolean unique, java.util.function.Function<String, DumpTable> tables,
                                          List<String> notes) {
        if (lx.isWord("IF")) {
            lx.advance();
            lx.advance();
            lx.advance();
        }
        String name = qualifiedName(lx, "an index name");
        if (!lx.isWord("ON")) {
            throw lx.error("expected ON after CREATE INDEX " + name + ", found " + lx.describe());
        }
        lx.advance();
        String table = qualifiedName(lx, "a table name");
        List<String> cols = names(lx);
        boolean partial = lx.isWord("WHERE");
        SkipStatement.rest(lx);
        DumpTable t = tables.apply(table);
        if (t == null) {
            return null;
        }
        if (partial) {
            notes.add("partial index " + name + " on " + t.name + " is not copied");
            return null;
        }
        if (cols.contains(null) || cols.stream().anyMatch(c -> t.column(c) == null)) {
            notes.add("index " + name + " on " + t.name + " uses an expression or the rowid and is not copied");
            return null;
        }
        DumpTable.IndexDef ix = new DumpTable.IndexDef(name, cols.stream().map(c -> t.column(c).name).toList(), unique, false);
        t.indexes.add(ix);
        return ix;
    }

    /** Skipping what decant does not read. */
    static final class SkipStatement {
        private SkipStatement() {
        }

        /** Up to and including the statement's semicolon (or the end of the file). */
        static void rest(SqlLexer lx) {
            while (!lx.isPunct(";") && lx.kind != SqlLexer.Kind.EOF) {
                lx.advance();
            }
            lx.advance();
        }

        /** A trigger's body holds semicolons: up to {@code END;}. */
        static void trigger(SqlLexer lx) {
            boolean afterEnd = false;
            while (lx.kind != SqlLexer.Kind.EOF && !(afterEnd && lx.isPunct(";"))) {
                afterEnd = lx.isWord("END");
                lx.advance();
            }
            lx.advance();
        }
    }
}
