package io.decant.sqlite;

import java.util.List;
import java.util.stream.Collectors;

/** SQLite identifier quoting: the only place that spells a name into SQL. */
final class SqliteIdentifiers {
    private SqliteIdentifiers() {
    }

    /** {@code "name"} with embedded double quotes doubled; works for spaces, keywords and any case. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(SqliteIdentifiers::quote).collect(Collectors.joining(", "));
    }
}
