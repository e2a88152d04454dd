package io.decant.core.spec;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column that holds ids of a remapped table without a declared foreign key: {@code table.column},
 * or {@code table.column$.path.to[0].id} for ids inside a JSON column.
 *
 * @param jsonPath {@code null}, or a JSON path that starts with {@code $}: {@code .name}, {@code [n]}
 *                 and {@code [*]} steps
 */
public record Reference(String table, String column, String jsonPath) {
    private static final Pattern PATH = Pattern.compile("\\$((\\.[A-Za-z_$][A-Za-z0-9_$-]*)|(\\[([0-9]+|\\*)\\]))+");

    public Reference {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    /** Parses {@code table.column[$.path]}; throws {@link IllegalArgumentException} with a message for the user. */
    public static Reference parse(String text) {
        int dollar = text.indexOf('$');
        String head = dollar < 0 ? text : text.substring(0, dollar);
        String path = dollar < 0 ? null : text.substring(dollar);
        int dot = head.indexOf('.');
        if (dot <= 0 || dot == head.length() - 1 || head.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("expected table.column or table.column$.json.path, got '" + text + "'");
        }
        if (path != null && !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' is not a JSON path such as $.owner.id or $.items[*].id");
        }
        return new Reference(head.substring(0, dot), head.substring(dot + 1), path);
    }

    @Override
    public String toString() {
        return table + "." + column + (jsonPath == null ? "" : jsonPath);
    }
}
