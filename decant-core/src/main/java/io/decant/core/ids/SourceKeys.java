package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.util.List;
import java.util.Locale;

/** Finding a table and its one-column key, and reading rows of it. */
public final class SourceKeys {
    private SourceKeys() {
    }

    @FunctionalInterface
    interface RowHandler {
        void row(long ordinal, Object[] values);
    }

    /** By display name ({@code auth.users}) or bare name, else a unique case-insensitive match. */
    static Table table(SourceDatabase db, String name, String role) {
        List<Table> all = db.tables();
        for (Table t : all) {
            if (t.id().display().equals(name)) {
                return t;
            }
        }
        List<Table> found = all.stream().filter(t -> t.name().equals(name)).toList();
        if (found.isEmpty()) {
            String lower = name.toLowerCase(Locale.ROOT);
            found = all.stream().filter(t -> t.id().display().toLowerCase(Locale.ROOT).equals(lower)
                    || t.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new DecantException(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(name),
                (found.isEmpty() ? "no table " : "more than one table matches ") + name + " in the " + role + " "
                        + db.displayUrl() + "; it has " + all.stream().map(t -> t.id().display()).sorted().toList());
    }

    /** The one-column primary key; a composite or missing key cannot be remapped. */
    public static Column key(Table t, String specTable) {
        List<String> pk = t.primaryKey();
        if (pk.size() != 1) {
            throw new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(specTable).withLocation("ids." + specTable),
                    "remapping ids needs a one-column primary key; " + t.id().display() + " has "
                            + (pk.isEmpty() ? "none" : "a composite key (" + String.join(", ", pk) + ")"));
        }
        Column c = t.column(pk.get(0));
        KeyValues.requireKeyType(c.type(), specTable, c.name());
        return c;
    }

    static void forEach(SourceDatabase db, Table t, List<Column> columns, RowHandler handler) {
        try (RowStream rows = db.read(t, columns)) {
            Object[] r;
            while ((r = rows.next()) != null) {
                handler.row(rows.rowsRead(), r);
            }
        }
    }

    /** {@code id='u_7'} for messages. */
    static String rowKey(Column key, Object value) {
        return RowKeys.quoted(key.name(), value == null ? null : KeyValues.text(value));
    }
}
