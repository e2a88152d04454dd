package io.decant.mysql;

import java.util.List;
import java.util.stream.Collectors;

/** Identifier quoting: the only place SQL names are spelled, so keywords, spaces and backticks in names are safe. */
final class MysqlIdentifiers {
    private MysqlIdentifiers() {
    }

    /** {@code `name`}, a backtick inside doubled, as MySQL's lexer expects. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String quoteAll(List<String> names) {
        return names.stream().map(MysqlIdentifiers::quote).collect(Collectors.joining(", "));
    }

    /** A string literal for information_schema comparisons and comments (backslashes too: NO_BACKSLASH_ESCAPES is off). */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
