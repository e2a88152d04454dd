package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A dump's tables as decant's schema, with the SQLite dialect's conventions so that a dump and the
 * database it came from plan alike: a rowid alias ({@code INTEGER PRIMARY KEY}) and the key of a
 * WITHOUT ROWID table are never NULL; only {@code INTEGER PRIMARY KEY AUTOINCREMENT} is an identity
 * (BY_DEFAULT); unique constraints are named {@code <table>_<cols>_key} and foreign keys
 * {@code <table>_<cols>_fkey}; REFERENCES without columns means the parent's primary key; parents
 * are matched case-insensitively, as SQLite does. The setting {@code types.<table>.<column>}
 * overrides a column's type.
 */
final class DumpSchema {
    private DumpSchema() {
    }

    static List<Table> tables(List<DumpTable> dumped, OpenOptions options, List<String> notes) {
        Map<String, DumpTable> byName = new LinkedHashMap<>();
        for (DumpTable t : dumped) {
            byName.put(t.name.toLowerCase(java.util.Locale.ROOT), t);
        }
        List<Table> out = new ArrayList<>();
        for (DumpTable t : dumped) {
            out.add(table(t, byName, options, notes));
        }
        return out;
    }

    private static Table table(DumpTable t, Map<String, DumpTable> byName, OpenOptions options, List<String> notes) {
        List<Column> columns = new ArrayList<>();
        for (DumpTable.ColumnDef c : t.columns) {
            columns.add(column(t, c, options));
        }
        Map<String, Index> indexes = new LinkedHashMap<>();
        for (DumpTable.IndexDef ix : t.indexes) {
            indexes.putIfAbsent(ix.name(), new Index(ix.name(), ix.columns(), ix.unique(), ix.constraint()));
        }
        List<Index> sorted = new ArrayList<>(indexes.values());
        sorted.sort(Comparator.comparing(Index::name));
        List<ForeignKey> fks = new ArrayList<>();
        for (DumpTable.Reference r : t.references) {
            DumpTable parent = byName.get(r.refTable().toLowerCase(java.util.Locale.ROOT));
            String parentName = parent == null ? r.refTable() : parent.name;
            List<String> refCols = r.refColumns();
            if (refCols.isEmpty()) {
                refCols = parent == null ? List.of() : parent.primaryKey;
                if (refCols.size() != r.columns().size()) {
                    notes.add("foreign key " + t.name + "(" + String.join(", ", r.columns()) + ") references " + parentName
                            + " without columns, and " + parentName + " has no matching primary key; left out");
                    continue;
                }
            } else if (parent != null) {
                refCols = refCols.stream().map(c -> parent.column(c) == null ? c : parent.column(c).name).toList();
            }
            fks.add(new ForeignKey(t.name + "_" + String.join("_", r.columns()) + "_fkey", r.columns(), TableId.of(parentName),
                    refCols, false, r.onDelete(), r.onUpdate()));
        }
        return new Table(TableId.of(t.name), columns, t.primaryKey, sorted, fks, t.rows);
    }

    private static Column column(DumpTable t, DumpTable.ColumnDef c, OpenOptions options) {
        boolean inPk = t.primaryKey.stream().anyMatch(p -> p.equalsIgnoreCase(c.name));
        boolean rowidAlias = inPk && t.primaryKey.size() == 1 && !t.withoutRowid
                && io.decant.core.type.SqliteDeclaredTypes.normalize(c.declared).equals("INTEGER");
        boolean nullable = !c.notNull && !rowidAlias && !(t.withoutRowid && inPk);
        Column.Identity identity = rowidAlias && c.autoincrement ? Column.Identity.BY_DEFAULT : Column.Identity.NONE;
        String override = options.settings().get("types." + t.name + "." + c.name);
        if (override != null) {
            try {
                return new Column(c.name, c.declared, LogicalType.parse(override), nullable, identity);
            } catch (RuntimeException e) {
                throw DecantException.usage("setting types." + t.name + "." + c.name + ": '" + override
                        + "' is not a logical type (for example int64, decimal(10,2), timestamptz, uuid)");
            }
        }
        if (c.generated) {
            return Column.unsupported(c.name, c.declared, true, "generated column: the dump does not hold its values;"
                    + " skip it in the spec");
        }
        LogicalType type;
        try {
            type = io.decant.core.type.SqliteDeclaredTypes.logicalType(c.declared);
        } catch (IllegalArgumentException e) {
            return Column.unsupported(c.name, c.declared, nullable, e.getMessage());
        }
        if (type == null) {
            int classes = Integer.bitCount(c.classes);
            if (classes > 1) {
                return Column.unsupported(c.name, "", nullable, "column without declared type holds values of storage classes "
                        + classNames(c.classes) + "; declare as_text or skip in the spec");
            }
            // An empty or all-NULL untyped column has nothing to go by: text is the most portable choice.
            type = classes == 0 ? LogicalType.TEXT : StoredValueDecoder.logical(Integer.numberOfTrailingZeros(c.classes));
        }
        return new Column(c.name, c.declared, type, nullable, identity);
    }

    static String classNames(int classes) {
        StringJoiner j = new StringJoiner(", ");
        for (int sc = 0; sc < 4; sc++) {
            if ((classes & (1 << sc)) != 0) {
                j.add(StoredValueDecoder.className(sc).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return j.toString();
    }
}
