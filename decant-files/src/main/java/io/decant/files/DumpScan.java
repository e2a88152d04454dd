package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first pass over a {@code wrangler d1 export} / {@code sqlite3 .dump} file: every statement is
 * tokenized once, CREATE TABLE and CREATE INDEX are read into {@link DumpTable}s, and every INSERT
 * row is parsed (so a malformed row fails here, before anything is loaded), counted, and its values'
 * storage classes noted, but not kept. What stays in memory is the schema and, per table, the byte
 * offset of each run of its INSERTs ({@link DumpTable.Run}): one entry per table for a dump, at
 * worst one per statement for a file that interleaves tables.
 *
 * <p>Skipped: PRAGMA, BEGIN/COMMIT, ANALYZE, SQLite's own tables ({@code sqlite_sequence},
 * {@code sqlite_stat1}, {@code sqlite_schema} rows of virtual tables) and Cloudflare's
 * ({@code _cf_KV} and any {@code _cf_*}), views, triggers, virtual tables and their shadow tables
 * ({@code <virtual>_*}). Any other statement (UPDATE, DROP, ALTER...) is an error: the file would
 * not be a dump.
 */
final class DumpScan {
    record Result(List<DumpTable> tables, List<String> notes) {
    }

    private final SqlLexer lx;
    private final Map<String, DumpTable> tables = new LinkedHashMap<>();
    private final Set<String> internal = new HashSet<>();
    private final Set<String> virtual = new HashSet<>();
    private final List<String> leftOut = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private DumpScan(SqlLexer lx) {
        this.lx = lx;
    }

    static boolean isInternal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("sqlite_") || lower.startsWith("_cf_");
    }

    static Result scan(Path file, String fileName) throws IOException {
        try (SqlLexer lx = new SqlLexer(file, fileName, 0, 1)) {
            return new DumpScan(lx).run();
        }
    }

    private Result run() {
        DumpTable lastInsert = null;
        while (lx.kind != SqlLexer.Kind.EOF) {
            if (lx.isPunct(";")) {
                lx.advance();
                continue;
            }
            if (lx.kind != SqlLexer.Kind.WORD) {
                throw lx.error("expected a statement, found " + lx.describe());
            }
            String keyword = lx.text.toUpperCase(Locale.ROOT);
            DumpTable inserted = null;
            switch (keyword) {
                case "PRAGMA", "BEGIN", "COMMIT", "END", "ANALYZE", "SAVEPOINT", "RELEASE" -> DumpDdl.SkipStatement.rest(lx);
                case "ROLLBACK" -> throw lx.error("the dump says ROLLBACK: sqlite3 met errors while writing it,"
                        + " so its content is incomplete");
                case "DELETE" -> delete();
                case "CREATE" -> create();
                case "INSERT", "REPLACE" -> inserted = insert(lastInsert);
                default -> throw lx.error("unsupported statement " + keyword + ": a wrangler d1 export holds CREATE,"
                        + " INSERT, PRAGMA, BEGIN and COMMIT statements");
            }
            lastInsert = inserted;
        }
        List<DumpTable> out = new ArrayList<>();
        for (DumpTable t : tables.values()) {
            String shadowOf = virtual.stream().filter(v -> t.name.toLowerCase(Locale.ROOT).startsWith(v + "_")).findFirst().orElse(null);
            if (shadowOf != null) {
                leftOut.add(t.name + " (shadow table of " + shadowOf + ")");
            } else {
                out.add(t);
            }
        }
        List<String> allNotes = new ArrayList<>();
        if (!leftOut.isEmpty()) {
            leftOut.sort(Comparator.naturalOrder());
            allNotes.add("left out: " + String.join(", ", leftOut));
        }
        if (tables.containsKey("d1_migrations")) {
            allNotes.add("d1_migrations is Wrangler's migration history: it is copied like any table; exclude it"
                    + " in the spec if the target keeps its own");
        }
        allNotes.addAll(notes);
        return new Result(out, allNotes);
    }

    /** Only sqlite3's {@code DELETE FROM sqlite_sequence;} belongs in a dump. */
    private void delete() {
        long line = lx.tokenLine;
        lx.advance();
        if (lx.isWord("FROM")) {
            lx.advance();
        }
        String table = DumpDdl.qualifiedName(lx, "a table name");
        if (!isInternal(table)) {
            throw lx.error(line, "unsupported statement DELETE FROM " + table + ": a dump only adds rows");
        }
        DumpDdl.SkipStatement.rest(lx);
    }

    private void create() {
        lx.advance();
        if (lx.isWord("TEMP") || lx.isWord("TEMPORARY")) {
            lx.advance();
        }
        String what = lx.kind == SqlLexer.Kind.WORD ? lx.text.toUpperCase(Locale.ROOT) : "";
        long line = lx.tokenLine;
        lx.advance();
        switch (what) {
            case "TABLE" -> {
                DumpTable t = DumpDdl.createTable(lx);
                String key = t.name.toLowerCase(Locale.ROOT);
                if (isInternal(t.name)) {
                    internal.add(key);
                    if (!key.startsWith("sqlite_")) {
                        leftOut.add(t.name + " (Cloudflare internal table)");
                    }
                } else if (tables.putIfAbsent(key, t) != null) {
                    throw lx.error(line, "CREATE TABLE " + t.name + " appears twice");
                }
            }
            case "UNIQUE", "INDEX" -> {
                boolean unique = what.equals("UNIQUE");
                if (unique) {
                    lx.advance(); // INDEX
                }
                DumpDdl.createIndex(lx, unique, name -> tables.get(name.toLowerCase(Locale.ROOT)), notes);
            }
            case "VIEW" -> {
                leftOut.add(DumpDdl.qualifiedName(lx, "a view name") + " (view)");
                DumpDdl.SkipStatement.rest(lx);
            }
            case "TRIGGER" -> {
                leftOut.add(DumpDdl.qualifiedName(lx, "a trigger name") + " (trigger)");
                DumpDdl.SkipStatement.trigger(lx);
            }
            case "VIRTUAL" -> {
                lx.advance(); // TABLE
                if (lx.isWord("IF")) {
                    lx.advance();
                    lx.advance();
                    lx.advance();
                }
                String name = DumpDdl.qualifiedName(lx, "a table name");
                virtual(name);
                DumpDdl.SkipStatement.rest(lx);
            }
            default -> throw lx.error(line, "unsupported statement CREATE " + what);
        }
    }

    private void virtual(String name) {
        virtual.add(name.toLowerCase(Locale.ROOT));
        leftOut.add(name + " (virtual table)");
    }

    private DumpTable insert(DumpTable lastInsert) {
        long offset = lx.tokenOffset;
        long line = lx.tokenLine;
        DumpInsert ins = new DumpInsert(lx);
        String key = ins.tableName().toLowerCase(Locale.ROOT);
        if (key.equals("sqlite_schema") || key.equals("sqlite_master")) {
            schemaRows(ins);
            return null;
        }
        if (isInternal(key) || internal.contains(key)) {
            DumpDdl.SkipStatement.rest(lx);
            return null;
        }
        DumpTable t = tables.get(key);
        if (t == null) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(ins.tableName()).withLocation(lx.fileName() + " line " + line),
                    "INSERT INTO a table that no CREATE TABLE before it declares");
        }
        ins.bind(t);
        Object[] row;
        while ((row = ins.next()) != null) {
            t.rows++;
            for (int i = 0; i < row.length; i++) {
                if (row[i] != null) {
                    t.columns.get(i).classes |= 1 << StoredValueDecoder.classOf(row[i]);
                }
            }
        }
        t.insertAt(offset, line, lastInsert == t);
        return t;
    }

    /** sqlite3 writes a virtual table as a row of sqlite_schema (with PRAGMA writable_schema). */
    private void schemaRows(DumpInsert ins) {
        DumpTable schema = new DumpTable("sqlite_schema", lx.tokenLine);
        for (String c : List.of("type", "name", "tbl_name", "rootpage", "sql")) {
            schema.columns.add(new DumpTable.ColumnDef(c));
        }
        ins.bind(schema);
        Object[] row;
        while ((row = ins.next()) != null) {
            if (row[4] instanceof String sql && row[1] instanceof String name
                    && sql.trim().toUpperCase(Locale.ROOT).startsWith("CREATE VIRTUAL TABLE")) {
                virtual(name);
            }
        }
    }
}
