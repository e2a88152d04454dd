package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.TableId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Identifier quoting. Every name decant sends is double-quoted, so it is kept exactly as given
 * (mixed case, reserved words, spaces, quotes). PostgreSQL would silently truncate a name longer
 * than 63 bytes (NAMEDATALEN - 1), and two long names could then collide: that is an error here.
 */
final class PgIdentifiers {
    static final String DEFAULT_SCHEMA = "public";
    static final int MAX_IDENTIFIER_BYTES = 63;

    private PgIdentifiers() {
    }

    static String quote(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            throw new DecantException(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withValue(name),
                    "identifier is " + bytes + " bytes long; PostgreSQL keeps only " + MAX_IDENTIFIER_BYTES
                            + " and would silently truncate it (rename it in the spec)");
        }
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new DecantException(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withValue(name),
                    "identifier is empty or contains NUL, which PostgreSQL does not allow");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String schemaOf(TableId id) {
        return id.schema() == null ? DEFAULT_SCHEMA : id.schema();
    }

    /** {@code "schema"."table"}, always schema-qualified so that search_path plays no part. */
    static String table(TableId id) {
        return quote(schemaOf(id)) + "." + quote(id.name());
    }

    /** The table in a FROM clause: an inheritance parent alone ({@code ONLY}), its children are tables of their own. */
    static String from(TableId id, java.util.Set<TableId> inheritanceParents) {
        return (inheritanceParents.contains(id) ? "ONLY " : "") + table(id);
    }

    static String columnList(List<String> columns) {
        return columns.stream().map(PgIdentifiers::quote).collect(Collectors.joining(", "));
    }

    /** A string literal for the few places that need one (e.g. regclass input); standard_conforming_strings is on. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static TableId tableId(String schema, String name) {
        return new TableId(DEFAULT_SCHEMA.equals(schema) ? null : schema, name);
    }
}
