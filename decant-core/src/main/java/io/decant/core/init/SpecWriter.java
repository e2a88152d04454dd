package io.decant.core.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link Draft} as a spec: block YAML, one flow map per column, every guess's reason as a
 * comment at the end of its line and every open decision as a {@code # TODO} line above the entry
 * it concerns. Nothing in it depends on the clock or on hash order, so the same draft gives the
 * same bytes.
 */
final class SpecWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");
    /** Trailing comments start at this column when the line is shorter. */
    private static final int COMMENT_COLUMN = 40;

    private final StringBuilder out = new StringBuilder();
    private final List<InitResult.Decision> decisions = new ArrayList<>();
    private int line;

    private SpecWriter() {
    }

    static InitResult.Written write(Draft d, String schemaRef) {
        SpecWriter w = new SpecWriter();
        w.emit("# yaml-language-server: $schema=" + schemaRef, null);
        for (String h : d.header) {
            w.emit(h.isEmpty() ? "#" : "# " + h, null);
        }
        w.todo("", d.namingTodo);
        w.emit("naming: " + d.naming, d.namingComment);
        w.decide("naming", d.namingTodo);
        if (!d.excluded.isEmpty()) {
            w.emit("exclude:", "source tables with no target table");
            for (Draft.Excluded e : d.excluded) {
                w.todo("  ", e.todo());
                w.emit("  - " + scalar(e.table()), null);
                w.decide("exclude." + e.table(), e.todo());
            }
        }
        List<Draft.TableEntry> tables = d.tables.stream().filter(t -> !t.isEmpty()).toList();
        if (!tables.isEmpty()) {
            w.emit("", null);
            w.emit("tables:", null);
            for (Draft.TableEntry t : tables) {
                w.table(t);
            }
        }
        if (!d.ids.isEmpty() || !d.idTodos.isEmpty()) {
            w.emit("", null);
            for (String todo : d.idTodos) {
                w.todo("", todo);
                w.decide("ids", todo);
            }
            if (!d.ids.isEmpty()) {
                w.emit("ids:", null);
                for (Draft.IdEntry id : d.ids) {
                    w.todo("  ", id.todo());
                    w.emit("  " + scalar(id.table()) + ":", null);
                    w.decide("ids." + id.table(), id.todo());
                    w.emit("    strategy: " + id.strategy(), id.comment());
                    if (id.legacyColumn() != null) {
                        w.emit("    legacy_column: " + scalar(id.legacyColumn()), "unfed target column that looks like the old id");
                    }
                }
            }
        }
        return new InitResult.Written(w.out.toString(), List.copyOf(w.decisions));
    }

    private void table(Draft.TableEntry t) {
        for (String text : t.todos) {
            todo("  ", text);
        }
        emit("  " + scalar(t.table) + ":" + (t.into == null && t.columns.isEmpty() ? " {}" : ""), null);
        for (String todo : t.todos) {
            decide("tables." + t.table, todo, t.failingTodos.contains(todo));
        }
        if (t.into != null) {
            emit("    into: " + scalar(t.into), t.intoComment);
        }
        if (t.columns.isEmpty()) {
            return;
        }
        emit("    columns:", null);
        int width = 0;
        for (Draft.ColumnEntry c : t.columns) {
            width = Math.max(width, scalar(c.column()).length());
        }
        for (Draft.ColumnEntry c : t.columns) {
            todo("      ", c.todo());
            StringBuilder map = new StringBuilder("{ ");
            for (int i = 0; i < c.keys().size(); i++) {
                String[] kv = c.keys().get(i);
                map.append(i == 0 ? "" : ", ").append(kv[0]).append(": ").append(kv[1]);
            }
            map.append(" }");
            String name = scalar(c.column()) + ":";
            emit("      " + name + " ".repeat(width + 2 - name.length() + 1) + map, c.comment());
            decide("tables." + t.table + ".columns." + c.column(), c.todo(), c.fails());
        }
    }

    private void todo(String indent, String text) {
        if (text == null) {
            return;
        }
        boolean first = true;
        for (String part : text.split("\n")) {
            emit(indent + (first ? "# TODO: " : "#   ") + part, null);
            first = false;
        }
    }

    /** Records that the entry on the line just written needs a decision. */
    private void decide(String path, String todo) {
        decide(path, todo, false);
    }

    private void decide(String path, String todo, boolean fails) {
        if (todo != null) {
            decisions.add(new InitResult.Decision(line, path, todo.replace("\n", " "), fails));
        }
    }

    private void emit(String raw, String rawComment) {
        // a name may hold a line break; a comment must stay on its line
        String text = raw.startsWith("#") || raw.strip().startsWith("#") ? oneLine(raw) : raw;
        String comment = rawComment == null ? null : oneLine(rawComment);
        out.append(text);
        if (comment != null) {
            out.append(" ".repeat(Math.max(1, COMMENT_COLUMN - text.length()))).append("# ").append(comment);
        }
        out.append('\n');
        line++;
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    /** A YAML scalar: plain where it reads back as the same string, else double-quoted (and {@code ${} escaped as {@code $${}). */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '$' -> q.append(s.startsWith("{", i + 1) ? "$$" : "$"); // the spec expands ${NAME}; $${ is a literal ${
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
